// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

/// A protected contract in the Ownable style: only the owner (a Safe in irflow's tests) may pause it.
contract OwnablePausableTarget is Ownable, Pausable {
    uint256 public counter;

    event Poked(address indexed by, uint256 counter);

    constructor(address initialOwner) Ownable(initialOwner) {}

    function pause() external onlyOwner {
        _pause();
    }

    function unpause() external onlyOwner {
        _unpause();
    }

    /// The protocol's business: a state change that stops while the contract is paused.
    function poke() external whenNotPaused {
        counter += 1;
        emit Poked(msg.sender, counter);
    }
}
