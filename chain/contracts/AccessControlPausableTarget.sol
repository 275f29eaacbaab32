// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

/// A protected contract in the AccessControl style: holders of PAUSER_ROLE (a Safe, a relayer) may pause it.
contract AccessControlPausableTarget is AccessControl, Pausable {
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");

    uint256 public counter;

    event Poked(address indexed by, uint256 counter);

    constructor(address admin, address[] memory pausers) {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        for (uint256 i = 0; i < pausers.length; i++) {
            _grantRole(PAUSER_ROLE, pausers[i]);
        }
    }

    function pause() external onlyRole(PAUSER_ROLE) {
        _pause();
    }

    function unpause() external onlyRole(DEFAULT_ADMIN_ROLE) {
        _unpause();
    }

    /// The protocol's business: a state change that stops while the contract is paused.
    function poke() external whenNotPaused {
        counter += 1;
        emit Poked(msg.sender, counter);
    }
}
