package org.irflow.support;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.irflow.IrflowApplication;

/**
 * irflow in a JVM of its own (java -cp this JVM's class path org.irflow.IrflowApplication), for the
 * tests and benchmarks that kill it with SIGKILL, run several nodes on one database, or measure its
 * heap apart from the load: its port, its process and where its output goes.
 */
public final class ChildApplication implements AutoCloseable {

  private final Process process;
  private final int port;
  private final Path log;

  private ChildApplication(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** How to start one: JVM options and Spring arguments beside the database and the port. */
  public static final class Launch {
    private final List<String> jvmOptions = new ArrayList<>(List.of("-Xmx768m", "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC"));
    private final List<String> arguments = new ArrayList<>(List.of("--spring.profiles.active=e2e"));
    private final Map<String, String> environment = new LinkedHashMap<>();
    private Predicate<String> classPathFilter = entry -> true;
    private Path jarDirectory;
    private int port;

    /** Replaces the default JVM options (-Xmx768m, C1 only, serial GC). */
    public Launch jvmOptions(String... options) {
      jvmOptions.clear();
      jvmOptions.addAll(Arrays.asList(options));
      return this;
    }

    /** Spring arguments such as {@code --irflow.intake.max-backlog=100}; the first is the profile (e2e). */
    public Launch argument(String argument) {
      arguments.add(argument);
      return this;
    }

    /** Replaces the active profiles (e2e by default). */
    public Launch profiles(String profiles) {
      arguments.set(0, "--spring.profiles.active=" + profiles);
      return this;
    }

    /** The database: a PostgreSQL URL with its user and password. */
    public Launch database(String jdbcUrl, String user, String password) {
      arguments.add("--spring.datasource.url=" + jdbcUrl);
      arguments.add("--spring.datasource.username=" + user);
      arguments.add("--spring.datasource.password=" + password);
      return this;
    }

    /**
     * An environment variable of the child, e.g. a key that must not appear on its command line (which
     * every local user can read in the process list).
     */
    public Launch environment(String name, String value) {
      environment.put(name, value);
      return this;
    }

    /** Leaves out class-path entries, e.g. a load tool's jars that the application must not see. */
    public Launch classPathFilter(Predicate<String> keep) {
      this.classPathFilter = keep;
      return this;
    }

    /**
     * Puts each class-path directory (target/classes, target/test-classes) into a jar under
     * {@code directory} and runs from those: class data sharing (-XX:ArchiveClassesAtExit,
     * -XX:SharedArchiveFile) refuses a class path with non-empty directories, as a packaged
     * application's extracted jars have none. The same directory gives the same jars to later starts.
     */
    public Launch classPathOfJars(Path directory) {
      this.jarDirectory = directory;
      return this;
    }

    /** A fixed port (a restarted node keeps its address); a free one when not set. */
    public Launch port(int fixedPort) {
      this.port = fixedPort;
      return this;
    }

    /** Starts the JVM; its output (stdout and stderr) goes to {@code log}. */
    public ChildApplication start(Path log) throws IOException {
      int chosenPort = port > 0 ? port : freePort();
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(jvmOptions);
      command.add("-cp");
      command.add(jarDirectory == null ? classPath(classPathFilter) : jarred(classPath(classPathFilter), jarDirectory));
      command.add(IrflowApplication.class.getName());
      command.addAll(arguments);
      command.add("--server.port=" + chosenPort);
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      builder.environment().putAll(environment);
      Process process = builder.start();
      return new ChildApplication(process, chosenPort, log);
    }
  }

  public static Launch launch() {
    return new Launch();
  }

  public Process process() {
    return process;
  }

  public int port() {
    return port;
  }

  public Path log() {
    return log;
  }

  public String baseUrl() {
    return "http://localhost:" + port;
  }

  /** Waits until the child answers HTTP (at most {@code limit}); returns its base URL. */
  public String awaitHttp(Duration limit) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the application exited with " + process.exitValue() + "; see " + log);
      }
      try {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/openapi/webhooks.yaml"))
            .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (answer.statusCode() == 200) {
          return baseUrl();
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the application did not answer HTTP within " + limit + "; see " + log);
  }

  /** Waits until the child answers HTTP, at most 120 s. */
  public String awaitHttp() throws InterruptedException {
    return awaitHttp(Duration.ofSeconds(120));
  }

  /** The heap after a full collection: what the application holds live, and what the JVM has committed. */
  public record Heap(long liveBytes, long committedBytes, String heapInfo) {}

  /**
   * Forces a full collection in the child ({@code jcmd <pid> GC.run}, i.e. System.gc()) and reads its
   * heap ({@code GC.heap_info}): the used figure is then the live data, whatever the collector (the
   * generations' or regions' "total ...K, used ...K" lines are summed; metaspace is not heap).
   */
  public Heap liveHeap() throws IOException, InterruptedException {
    jcmd("GC.run");
    String info = jcmd("GC.heap_info");
    long used = 0;
    long committed = 0;
    Matcher space = Pattern.compile("(?m)^\\s*[a-zA-Z -]+?\\s+total (\\d+)K, used (\\d+)K")
        .matcher(info);
    while (space.find()) {
      committed += Long.parseLong(space.group(1)) * 1024;
      used += Long.parseLong(space.group(2)) * 1024;
    }
    if (committed == 0) {
      throw new IllegalStateException("no heap figures in jcmd GC.heap_info: " + info);
    }
    return new Heap(used, committed, info);
  }

  /** Runs a jcmd diagnostic command in the child; returns its output. */
  public String jcmd(String command) throws IOException, InterruptedException {
    Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
        String.valueOf(process.pid()), command).redirectErrorStream(true).start();
    String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
      throw new IllegalStateException("jcmd " + command + " failed: " + output);
    }
    return output;
  }

  /** SIGKILL on Linux: no shutdown hook, no graceful stop, requests and transactions in flight cut. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM, a graceful stop; SIGKILL when it takes over 30 s. */
  public void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      kill();
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      stop();
    }
  }

  /**
   * This JVM's class path without empty entries: Surefire's has one, which Java reads as the working
   * directory, and bpmn/ and forms/ of the project would then be deployed twice (from there and from
   * target/classes).
   */
  private static String classPath(Predicate<String> keep) {
    Path workingDirectory = Path.of("").toAbsolutePath();
    return ownClassPath().stream()
        .filter(entry -> !entry.isBlank() && !Path.of(entry).toAbsolutePath().normalize().equals(workingDirectory))
        .filter(keep)
        .collect(Collectors.joining(File.pathSeparator));
  }

  /** The class path with each directory replaced by a jar of it (made once in {@code directory}). */
  private static String jarred(String classPath, Path directory) throws IOException {
    Files.createDirectories(directory);
    List<String> entries = new ArrayList<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      Path source = Path.of(entry);
      if (!Files.isDirectory(source)) {
        entries.add(entry);
        continue;
      }
      Path jar = directory.resolve(source.getParent().getFileName() + "-" + source.getFileName() + ".jar");
      if (!Files.exists(jar)) {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
            Stream<Path> files = Files.walk(source)) {
          // directory entries too: classpath scanning (Flyway's db/migration, the engine's bpmn/**) lists
          // a jar's folders through them
          for (Path file : (Iterable<Path>) files.filter(path -> !path.equals(source)).sorted()::iterator) {
            String name = source.relativize(file).toString().replace(File.separatorChar, '/');
            boolean folder = Files.isDirectory(file);
            out.putNextEntry(new JarEntry(folder ? name + "/" : name));
            if (!folder) {
              Files.copy(file, out);
            }
            out.closeEntry();
          }
        }
      }
      entries.add(jar.toString());
    }
    return String.join(File.pathSeparator, entries);
  }

  /**
   * The entries this class was loaded from: java.class.path under Surefire or a plain java command;
   * the loader's own URLs under {@code mvn exec:java}, whose java.class.path is only Maven's launcher
   * (the project and its dependencies are in a URLClassLoader of their own).
   */
  private static List<String> ownClassPath() {
    if (ChildApplication.class.getClassLoader() instanceof URLClassLoader loader && loader.getURLs().length > 0) {
      List<String> entries = new ArrayList<>();
      for (URL url : loader.getURLs()) {
        try {
          entries.add(Path.of(url.toURI()).toString());
        } catch (URISyntaxException | IllegalArgumentException notAFile) {
          throw new IllegalStateException("class path entry is not a file: " + url, notAFile);
        }
      }
      return entries;
    }
    return Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
