package org.irflow.process;

/** Variables of SignerDrillProcess, in which every signer signs a harmless drill message for one Safe. */
public final class SignerDrillVariables {
  public static final String SIGNER_DRILL_PROCESS = "SignerDrillProcess";

  /** id of the signer_drill row */
  public static final String SIGNER_DRILL_ID = "signerDrillId";
  /** the members of the signers group when the drill started, one signing task each */
  public static final String SIGNER_DRILL_SIGNERS = "signerDrillSigners";
  /** one signer of the multi-instance signing */
  public static final String SIGNER_DRILL_SIGNER = "signerDrillSigner";
  /** when the window ends, ISO 8601: the timer that ends the tasks still open */
  public static final String SIGNER_DRILL_WINDOW_ENDS_AT = "signerDrillWindowEndsAt";
  /** the drilled Safe as wallets show it, and its chain, for the form */
  public static final String SIGNER_DRILL_SAFE = "signerDrillSafe";
  public static final String SIGNER_DRILL_CHAIN_ID = "signerDrillChainId";
  /** the signer's own EIP-712 typed data, JSON (local to their task) */
  public static final String SIGNER_DRILL_TYPED_DATA = "signerDrillTypedData";
  /** the pasted signature (local to their task; public, like every signature) */
  public static final String SIGNER_DRILL_SIGNATURE = "signerDrillSignature";

  private SignerDrillVariables() {}
}
