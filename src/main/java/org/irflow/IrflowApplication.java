package org.irflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class IrflowApplication {

  public static void main(String[] args) {
    SpringApplication.run(IrflowApplication.class, args);
  }
}
