package org.irflow.containment;

import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationPropertiesBindHandlerAdvisor;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.stereotype.Component;

/**
 * Explains a Safe pauser written with a space after the colon, {@code - safe: 0x5b91...}: YAML reads
 * that as a map from "safe" to a value (a number, when the address is unquoted), so the list of
 * pausers cannot be bound and Spring would only say that pausers[0].safe "was left unbound". The start
 * fails instead with the pauser's setting, what YAML made of it and how to write it.
 */
@Component
class SafePauserWrittenAsMap implements ConfigurationPropertiesBindHandlerAdvisor {

  private static final Pattern PAUSERS = Pattern.compile("irflow\\.containment\\.contracts\\[\\d+]\\.pausers");
  private static final String SAFE_KEY_SUFFIX = ".safe";

  @Override
  public BindHandler apply(BindHandler bindHandler) {
    return new AbstractBindHandler(bindHandler) {
      @Override
      public Object onFailure(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
          Exception error) throws Exception {
        if (error instanceof UnboundConfigurationPropertiesException unbound && PAUSERS.matcher(name.toString()).matches()) {
          for (ConfigurationProperty element : unbound.getUnboundProperties()) {
            String elementName = element.getName().toString();
            if (elementName.endsWith(SAFE_KEY_SUFFIX)) {
              throw new IllegalStateException(explanation(element));
            }
          }
        }
        return super.onFailure(name, target, context, error);
      }
    };
  }

  private static String explanation(ConfigurationProperty element) {
    String elementName = element.getName().toString();
    String value = String.valueOf(element.getValue());
    String pauser = elementName.substring(0, elementName.length() - SAFE_KEY_SUFFIX.length());
    String address = AddressSetting.addressReadAsNumber(value).orElse(value);
    String numberNote = address.equals(value) ? ""
        : ", and the unquoted 0x... as a hexadecimal number, here " + address;
    String where = element.getOrigin() == null ? "" : " (" + element.getOrigin() + ")";
    return "Invalid containment configuration: " + pauser + where + " is the map safe: " + value
        + ": with a space after \"safe:\" YAML reads a key and a value" + numberNote
        + "; write the pauser as one quoted word: - \"safe:" + address + "\"";
  }
}
