package org.irflow.support;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One Debian Chromium per browser test, as a JUnit extension: opened before the test, what it showed
 * kept when the test fails (right after the test method, before the browser closes), closed after it.
 */
public final class BrowserSession implements BeforeEachCallback, AfterTestExecutionCallback, AfterEachCallback {

  private TasklistBrowser browser;

  public TasklistBrowser browser() {
    return browser;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    browser = TasklistBrowser.open();
  }

  @Override
  public void afterTestExecution(ExtensionContext context) {
    if (context.getExecutionException().isPresent() && browser != null) {
      browser.savePage(context.getRequiredTestMethod().getName());
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (browser != null) {
      browser.close();
      browser = null;
    }
  }
}
