package org.irflow.process;

/** Variables of the process in which a signer proves the Safe owner address they sign with. */
public final class SignerVariables {
  public static final String SIGNER_ADDRESS_PROOF_PROCESS = "SignerAddressProofProcess";

  /** The signer who started the proof (the process's initiator). */
  public static final String SIGNER_ID = "signerId";
  /** The owner address to prove, from the start form. */
  public static final String SIGNER_ADDRESS = "signerAddress";
  public static final String CHALLENGE_ID = "challengeId";
  /** The exact message the signer signs. */
  public static final String CHALLENGE_MESSAGE = "challengeMessage";
  /** When the challenge expires, ISO 8601: the signing task's timer. */
  public static final String CHALLENGE_EXPIRES_AT = "challengeExpiresAt";
  /** The pasted signature of the message (public, like every signature). */
  public static final String CHALLENGE_SIGNATURE = "challengeSignature";

  private SignerVariables() {}
}
