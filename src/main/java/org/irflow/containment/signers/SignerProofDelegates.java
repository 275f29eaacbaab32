package org.irflow.containment.signers;

import static org.irflow.process.SignerVariables.CHALLENGE_EXPIRES_AT;
import static org.irflow.process.SignerVariables.CHALLENGE_ID;
import static org.irflow.process.SignerVariables.CHALLENGE_MESSAGE;
import static org.irflow.process.SignerVariables.CHALLENGE_SIGNATURE;
import static org.irflow.process.SignerVariables.SIGNER_ADDRESS;
import static org.irflow.process.SignerVariables.SIGNER_ID;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.irflow.containment.signers.SignerAddresses.Challenge;
import org.irflow.process.forms.FormRule;
import org.irflow.security.GroupMembers;
import org.irflow.security.Groups;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * The steps and form rules of "Prove my signing address": a one-time challenge for the address the
 * signer entered, their signature of it checked before the task may end, the address then recorded
 * as proven.
 */
@Configuration
class SignerProofDelegates {

  static final String START_FORM = "prove-signing-address";
  static final String SIGN_FORM = "sign-address-challenge";

  @Bean
  JavaDelegate issueSignerChallengeDelegate(SignerAddresses addresses) {
    return execution -> {
      Challenge challenge = addresses.issueChallenge((String) execution.getVariable(SIGNER_ID),
          (String) execution.getVariable(SIGNER_ADDRESS));
      execution.setVariable(SIGNER_ADDRESS, SignerAddresses.checksummed(challenge.address()));
      execution.setVariable(CHALLENGE_ID, challenge.id());
      execution.setVariable(CHALLENGE_MESSAGE, challenge.message());
      execution.setVariable(CHALLENGE_EXPIRES_AT, challenge.expiresAt().toString());
    };
  }

  @Bean
  JavaDelegate recordProvenSignerAddressDelegate(SignerAddresses addresses) {
    return (DelegateExecution execution) -> addresses.prove((String) execution.getVariable(CHALLENGE_ID),
        (String) execution.getVariable(CHALLENGE_SIGNATURE));
  }

  /** The start form: an address, from a member of the signers group. */
  @Bean
  FormRule proveSigningAddressFormRule(@Lazy IdentityService identity, @Lazy GroupMembers members) {
    return new FormRule() {
      @Override
      public String formId() {
        return START_FORM;
      }

      @Override
      public List<String> problems(Map<String, Object> values, VariableScope scope) {
        var person = identity.getCurrentAuthentication();
        if (person != null && person.getUserId() != null
            && !members.of(List.of(Groups.SIGNERS)).contains(person.getUserId())) {
          return List.of("Owner address: only a member of the group " + Groups.SIGNERS
              + " proves a signing address; " + person.getUserId() + " is not one");
        }
        return SignerAddresses.addressProblem("Owner address", values.get(SIGNER_ADDRESS)).stream().toList();
      }
    };
  }

  /** The signing task: a signature of the challenge by the key of the address, before it expires. */
  @Bean
  FormRule signAddressChallengeFormRule(@Lazy SignerAddresses addresses) {
    return new FormRule() {
      @Override
      public String formId() {
        return SIGN_FORM;
      }

      @Override
      public List<String> problems(Map<String, Object> values, VariableScope scope) {
        return addresses.proofProblem((String) scope.getVariable(CHALLENGE_ID), values.get(CHALLENGE_SIGNATURE),
            "Signature").stream().toList();
      }
    };
  }
}
