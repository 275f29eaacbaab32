// Local development chain for irflow's tests and "Try it locally": `npx hardhat node --port 8545`.
// Chain id 31337, hardhat's public test accounts (mnemonic "test test ... junk", never use them on a
// real network), every transaction mined at once. Contracts are compiled by `npm run compile`
// (solc-js), not by hardhat, whose compiler download fails offline.
/** @type import('hardhat/config').HardhatUserConfig */
module.exports = {
  defaultNetwork: "hardhat",
  networks: {
    hardhat: {
      chainId: 31337,
      hardfork: "prague",
      mining: { auto: true, interval: 0 },
      accounts: { mnemonic: "test test test test test test test test test test test junk", count: 10 },
    },
  },
  paths: {
    // keep hardhat away from contracts/: they are compiled with solc-js by scripts/compile.js
    sources: "./hardhat-sources",
    cache: "./cache",
    artifacts: "./artifacts",
  },
};
