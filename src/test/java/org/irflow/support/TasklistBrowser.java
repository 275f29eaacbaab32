package org.irflow.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.util.FileSystemUtils;

/**
 * Camunda Tasklist in Debian's headless Chromium, used as a person would: log in, click what is
 * visible, type until the field holds the text, wait for what appears. Debian's chromium and
 * chromium-driver at fixed paths, so that Selenium Manager never looks for (or downloads) a browser.
 */
public final class TasklistBrowser implements AutoCloseable {

  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  public static final Duration TIMEOUT = Duration.ofSeconds(30);
  public static final Path FAILURES = Path.of("target/browser-failures");
  public static final String PASSWORD = "demo";

  private final WebDriver driver;
  private final Path profile;

  private TasklistBrowser(WebDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /** Starts a fresh browser with an empty profile; fails clearly when Chromium is not installed. */
  public static TasklistBrowser open() {
    assertThat(Files.isExecutable(CHROMIUM))
        .as("Chromium must be installed at %s (Debian package 'chromium') for the Tasklist browser tests", CHROMIUM)
        .isTrue();
    assertThat(Files.isExecutable(CHROMEDRIVER))
        .as("ChromeDriver must be installed at %s (Debian package 'chromium-driver')", CHROMEDRIVER)
        .isTrue();
    try {
      Path profile = Files.createTempDirectory("irflow-chromium-");
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM.toFile());
      // without the background-networking flags Chromium keeps calling hosts this machine refuses
      options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
          "--disable-quic", "--no-first-run", "--disable-background-networking",
          "--disable-component-update", "--disable-sync", "--window-size=1400,1000",
          "--user-data-dir=" + profile);
      ChromeDriverService service = new ChromeDriverService.Builder()
          .usingDriverExecutable(CHROMEDRIVER.toFile())
          .usingAnyFreePort()
          .build();
      WebDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().pageLoadTimeout(TIMEOUT);
      return new TasklistBrowser(driver, profile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public WebDriver driver() {
    return driver;
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      FileSystemUtils.deleteRecursively(profile.toFile());
    }
  }

  // ---- Tasklist -------------------------------------------------------------------------------

  /** Logs into Tasklist as a demo user and waits for the filter list. */
  public void logIn(String baseUrl, String user) {
    By username = By.xpath("//form[@name='signinForm']//input[@placeholder='Username']");
    // the webapp at times stays on its loading spinner under load: load it again rather than wait it out
    for (int attempt = 1; attempt <= 3 && displayed(username) == null; attempt++) {
      driver.get(baseUrl + "/camunda/app/tasklist/");
      Instant loaded = Instant.now().plusSeconds(10);
      while (displayed(username) == null && Instant.now().isBefore(loaded)) {
        pause(Duration.ofMillis(250));
      }
    }
    waitUntil("the Tasklist login form", () -> displayed(username));
    // the login page moves the focus to "Username" on its own, at times while a test types the password
    type(username, user);
    type(By.xpath("//form[@name='signinForm']//input[@type='password']"), PASSWORD);
    click(By.xpath("//form[@name='signinForm']//button[normalize-space()='Log in']"), "'Log in'");
    waitUntil("Tasklist's filter list after logging in as " + user, () -> displayed(filter("My tasks")));
  }

  /**
   * Opens a task from a filter, loaded afresh so that a task offered since is listed: the card with
   * this task name showing this variable value (the incident id).
   */
  public void openTask(String filterName, String taskName, String variableValue) {
    By card = By.xpath(taskCard(taskName, variableValue) + "//h4/a");
    // a task that irflow creates after an asynchronous step appears only in a list loaded after it
    Instant deadline = Instant.now().plus(TIMEOUT);
    boolean listed = false;
    while (!listed && Instant.now().isBefore(deadline)) {
      reloadTasklist();
      click(filter(filterName), "the filter '" + filterName + "'");
      Instant reload = Instant.now().plusSeconds(5);
      while (!(listed = displayed(card) != null) && Instant.now().isBefore(reload)) {
        pause(Duration.ofMillis(250));
      }
    }
    click(card, "the task '" + taskName + "' of " + variableValue);
  }

  /**
   * Loads Tasklist again and waits for its filters. Under load the webapp at times stays on its
   * loading spinner: it is loaded once more rather than waited out.
   */
  private void reloadTasklist() {
    for (int attempt = 1; attempt <= 3; attempt++) {
      driver.navigate().refresh();
      Instant loaded = Instant.now().plusSeconds(20);
      while (Instant.now().isBefore(loaded)) {
        if (displayed(filter("My tasks")) != null) {
          return;
        }
        pause(Duration.ofMillis(250));
      }
    }
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A filter in Tasklist's filter list, by its name (the count beside it is not part of the name). */
  public static By filter(String name) {
    return By.xpath("//div[contains(@class,'task-filter')]//h4/a[normalize-space(text()[1])='" + name + "']");
  }

  /**
   * XPath of the card in the task list asking for this action (its name, or "INC-… · action · title")
   * and showing a variable with this value.
   */
  public static String taskCard(String taskName, String variableValue) {
    return "//li[contains(@class,'task')][.//h4/a[" + asks(taskName) + "]]"
        + "[.//span[contains(@class,'variable-value')][normalize-space()='" + variableValue + "']]";
  }

  /** XPath condition on a task name link: it asks for this action (see RestClient.asks). */
  public static String asks(String action) {
    return "contains(concat(' · ', normalize-space(), ' · '), ' · " + action + " · ')";
  }

  /** XPath of a form-js field by its label (the required asterisk is not part of the label text). */
  public static String formField(String label) {
    return "//div[contains(@class,'fjs-form-field')]"
        + "[./label[contains(@class,'fjs-form-field-label')][normalize-space(text()[1])='" + label + "']]";
  }

  /** The input or text area of a form-js field, by its label. */
  public static By formInput(String label) {
    return By.xpath("(" + formField(label) + "//*[self::input or self::textarea])[1]");
  }

  /** Picks an option of a form-js select (searchable or not), by the field's label and the option's text. */
  public void choose(String label, String option) {
    String field = formField(label);
    click(By.xpath(field + "//*[contains(@class,'fjs-select-display') or self::input[contains(@class,'fjs-input')]]"),
        "the select '" + label + "'");
    click(By.xpath(field + "//div[contains(concat(' ', normalize-space(@class), ' '), ' fjs-dropdownlist-item ')]"
        + "[normalize-space()='" + option + "']"), "the option '" + option + "' of '" + label + "'");
  }

  /** Picks a choice of a form-js radio group, by the group's label and the choice's text, until it shows picked. */
  public void pickRadio(String label, String choice) {
    By input = By.xpath(formField(label) + "//label[normalize-space()=\"" + choice + "\"]//input[@type='radio']");
    waitUntil("the choice '" + choice + "' of '" + label + "' picked", () -> {
      WebElement radio = displayed(input);
      if (radio == null) {
        return false;
      }
      if (!radio.isSelected()) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", radio);
        radio.click();
      }
      return radio.isSelected();
    });
  }

  /** Ticks the option of a form-js checklist whose label starts with this text. */
  public void tick(String label, String optionStart) {
    click(By.xpath(formField(label) + "//label[starts-with(normalize-space(), \"" + optionStart + "\")]//input[@type='checkbox']"),
        "the option '" + optionStart + "…' of '" + label + "'");
  }

  /** Types the date into the form's date picker as the browser's locale writes it, then leaves the field. */
  public void pickDate(LocalDate date) {
    String typed = (String) ((JavascriptExecutor) driver).executeScript(
        "return new Intl.DateTimeFormat().format(new Date(arguments[0], arguments[1] - 1, arguments[2]));",
        date.getYear(), date.getMonthValue(), date.getDayOfMonth());
    By input = By.xpath("//div[contains(@class,'fjs-form-field-datetime')]//input");
    type(input, typed);
    displayed(input).sendKeys(Keys.TAB);
  }

  /** Opens "Start process" in Tasklist's header and the start form of the process of that name. */
  public void startProcess(String processName) {
    click(By.xpath("//a[normalize-space()='Start process']"), "'Start process' in the header");
    click(By.xpath("//div[contains(@class,'modal')]//ul[contains(@class,'processes')]"
        + "//a[normalize-space()='" + processName + "']"), "the process '" + processName + "'");
    waitUntil("the start form of '" + processName + "'", () -> displayed(By.xpath(
        "//div[contains(@class,'modal')]//div[contains(@class,'fjs-container')]")));
  }

  /** Presses "Start" under an open start form. */
  public void start() {
    click(By.xpath("//div[contains(@class,'modal-footer')]//button[normalize-space()='Start']"), "the button 'Start'");
  }

  /** irflow's notice after a step (its Tasklist script), once it shows: the notice element. */
  public WebElement feedback(String expectedStart) {
    return waitUntil("irflow's notice starting '" + expectedStart + "'", () -> {
      WebElement notice = displayed(By.cssSelector(".irflow-feedback"));
      return notice != null && notice.findElement(By.cssSelector(".irflow-feedback-message")).getText()
          .startsWith(expectedStart) ? notice : null;
    });
  }

  /** Goes back to Tasklist (from another page of irflow) and waits for its filters, still logged in. */
  public void backToTasklist(String baseUrl) {
    driver.get(baseUrl + "/camunda/app/tasklist/default/");
    waitUntil("Tasklist's filter list", () -> displayed(filter("My tasks")));
  }

  /** Logs out of the webapps by dropping the session of irflow's origin (the next logIn shows the login form). */
  public void logOut() {
    driver.manage().deleteAllCookies();
  }

  /**
   * Completes the open task with Tasklist's "Complete" button. Notifications still shown are closed
   * first: Tasklist's toast of an earlier task (e.g. "The task does not exist anymore" for the task
   * just completed) covers the button.
   */
  public void complete() {
    closeNotifications();
    click(By.xpath("//div[contains(@class,'form-actions')]//button[normalize-space()='Complete']"),
        "the button 'Complete'");
  }

  // ---- Cockpit --------------------------------------------------------------------------------

  /** Logs into Cockpit as a demo user and waits for Cockpit's navigation. */
  public void logInToCockpit(String baseUrl, String user) {
    driver.get(baseUrl + "/camunda/app/cockpit/default/");
    By username = By.xpath("//form[@name='signinForm']//input[@placeholder='Username']");
    waitUntil("the Cockpit login form", () -> displayed(username));
    type(username, user);
    type(By.xpath("//form[@name='signinForm']//input[@type='password']"), PASSWORD);
    click(By.xpath("//form[@name='signinForm']//button[normalize-space()='Log in']"), "'Log in'");
    waitUntil("Cockpit's navigation 'Processes' after logging in as " + user,
        () -> displayed(By.xpath("//a[normalize-space()='Processes']")));
  }

  // ---- acting and waiting ---------------------------------------------------------------------

  /** The element, if it is on the page and visible; null otherwise. */
  public WebElement displayed(By locator) {
    for (WebElement element : driver.findElements(locator)) {
      if (element.isDisplayed()) {
        return element;
      }
    }
    return null;
  }

  /** The value of a visible input, or null while there is none. */
  public String valueOf(By input) {
    WebElement element = displayed(input);
    return element == null ? null : element.getDomProperty("value");
  }

  /** Types the text into a text field and waits until the field holds exactly that text. */
  public void type(By field, String text) {
    waitUntil("'" + text + "' typed into " + field, () -> {
      WebElement element = displayed(field);
      if (element == null) {
        return false;
      }
      if (!text.equals(element.getDomProperty("value"))) {
        element.clear();
        element.sendKeys(text);
      }
      return text.equals(element.getDomProperty("value"));
    });
  }

  public void click(By locator, String what) {
    waitUntil("clicking " + what, () -> {
      WebElement element = displayed(locator);
      if (element == null || !element.isEnabled()) {
        return false;
      }
      // to the middle of its scrolling pane: Tasklist's fixed footer covers the bottom edge
      ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
      element.click();
      return true;
    });
  }

  /**
   * Polls until the condition gives a value other than null or false (an element not yet there,
   * stale or covered counts as "not yet"), at most {@link #TIMEOUT}.
   */
  public <T> T waitUntil(String what, Supplier<T> condition) {
    Instant deadline = Instant.now().plus(TIMEOUT);
    RuntimeException last = null;
    while (true) {
      try {
        T value = condition.get();
        if (value != null && !Boolean.FALSE.equals(value)) {
          return value;
        }
      } catch (NoSuchElementException | StaleElementReferenceException | ElementNotInteractableException e) {
        last = e;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("waited " + TIMEOUT.toSeconds() + " s for " + what
            + " (browser at " + driver.getCurrentUrl() + "; page and screenshot under " + FAILURES + ")", last);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      }
    }
  }

  // ---- screenshots ----------------------------------------------------------------------------

  /** Closes Tasklist's own notifications still shown (its toasts cover the form's buttons). */
  public void closeNotifications() {
    for (WebElement close : driver.findElements(
        By.xpath("//div[contains(@class,'page-notifications')]//button[contains(@class,'close')]"))) {
      if (close.isDisplayed()) {
        close.click();
      }
    }
  }

  /** The whole open task form, with Tasklist around it (the window grows to the form's buttons), toasts closed. */
  public void saveFormScreenshot(Path file) throws IOException {
    closeNotifications();
    Dimension size = driver.manage().window().getSize();
    JavascriptExecutor js = (JavascriptExecutor) driver;
    js.executeScript("document.activeElement.blur();"
        + "document.querySelectorAll('*').forEach(e => { if (e.scrollTop) e.scrollTop = 0; });");
    Number needed = (Number) js.executeScript(
        "const actions = document.querySelector('.form-actions');"
            + "return actions.getBoundingClientRect().bottom + 40 - window.innerHeight;");
    if (needed.intValue() > 0) {
      driver.manage().window().setSize(new Dimension(size.getWidth(), size.getHeight() + needed.intValue()));
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    } finally {
      driver.manage().window().setSize(size);
    }
  }

  /** The whole page, the window grown to its height (at most 4000 pixels) for the picture. */
  public void saveWholePageScreenshot(Path file) throws IOException {
    Dimension size = driver.manage().window().getSize();
    Number height = (Number) ((JavascriptExecutor) driver).executeScript(
        "document.activeElement.blur(); return document.documentElement.scrollHeight;");
    driver.manage().window().setSize(new Dimension(size.getWidth(), Math.min(4000, height.intValue() + 120)));
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    } finally {
      driver.manage().window().setSize(size);
    }
  }

  /** What the browser window shows now. */
  public void saveScreenshot(Path file) throws IOException {
    ((JavascriptExecutor) driver).executeScript("document.activeElement.blur();");
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
  }

  /** Keeps what the browser showed when a test failed: a screenshot and the page under {@link #FAILURES}. */
  public void savePage(String name) {
    try {
      Files.createDirectories(FAILURES);
      Files.write(FAILURES.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
      Files.writeString(FAILURES.resolve(name + ".html"), driver.getPageSource());
    } catch (IOException | RuntimeException e) {
      System.err.println("could not keep the page of failed test " + name + ": " + e);
    }
  }
}
