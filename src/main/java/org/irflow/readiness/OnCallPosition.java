package org.irflow.readiness;

public enum OnCallPosition {
  PRIMARY, SECONDARY
}
