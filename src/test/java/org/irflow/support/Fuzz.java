package org.irflow.support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Our own small generator for property tests: generators are functions of a
 * {@link SplittableRandom}, a property runs a fixed number of tries, each from a random of its own
 * derived from one seed, and a failure is shrunk by trying smaller candidates one at a time.
 *
 * <p>The seed is the system property {@value #SEED_PROPERTY} (e.g. {@code ./mvnw test
 * -Dtest=... -Dirflow.fuzz.seed=42}), else random. It is printed when first used and is part of
 * every failure's message, so that a failure can be run again with the same seed: the same seed
 * gives each property the same requests, try by try, whatever ran before.
 */
public final class Fuzz {

  public static final String SEED_PROPERTY = "irflow.fuzz.seed";

  private static final long SEED = chooseSeed();

  private Fuzz() {
  }

  // ---- generators

  /** A generator of values of T. */
  @FunctionalInterface
  public interface Gen<T> {

    T next(SplittableRandom random);

    default <R> Gen<R> map(Function<? super T, ? extends R> function) {
      return random -> function.apply(next(random));
    }

    default <R> Gen<R> flatMap(Function<? super T, ? extends Gen<? extends R>> function) {
      return random -> function.apply(next(random)).next(random);
    }

    /** null with this probability, else a value of this generator. */
    default Gen<T> orNull(double probability) {
      return random -> random.nextDouble() < probability ? null : next(random);
    }

    /** A list of min to max values (both inclusive). */
    default Gen<List<T>> list(int min, int max) {
      return random -> {
        int size = random.nextInt(min, max + 1);
        List<T> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
          list.add(next(random));
        }
        return list;
      };
    }
  }

  /** One choice of {@link #frequency}: its weight and its generator. */
  public record Weighted<T>(int weight, Gen<? extends T> gen) {}

  public static <T> Weighted<T> weight(int weight, Gen<? extends T> gen) {
    return new Weighted<>(weight, gen);
  }

  public static <T> Gen<T> constant(T value) {
    return random -> value;
  }

  /** One of these values, each as likely. */
  @SafeVarargs
  public static <T> Gen<T> oneOf(T... values) {
    return oneOf(List.of(values));
  }

  public static <T> Gen<T> oneOf(List<? extends T> values) {
    List<? extends T> copy = List.copyOf(values);
    return random -> copy.get(random.nextInt(copy.size()));
  }

  /** A value of one of these generators, each as likely. */
  @SafeVarargs
  public static <T> Gen<T> anyOf(Gen<? extends T>... gens) {
    List<Gen<? extends T>> copy = List.of(gens);
    return random -> copy.get(random.nextInt(copy.size())).next(random);
  }

  /** A value of one of these generators, chosen by weight. */
  @SafeVarargs
  public static <T> Gen<T> frequency(Weighted<? extends T>... choices) {
    List<Weighted<? extends T>> copy = List.of(choices);
    int total = copy.stream().mapToInt(Weighted::weight).sum();
    return random -> {
      int pick = random.nextInt(total);
      for (Weighted<? extends T> choice : copy) {
        pick -= choice.weight();
        if (pick < 0) {
          return choice.gen().next(random);
        }
      }
      throw new IllegalStateException("weights changed");
    };
  }

  public static Gen<Boolean> booleans() {
    return SplittableRandom::nextBoolean;
  }

  /** An int from min to max, both inclusive. */
  public static Gen<Integer> ints(int min, int max) {
    return random -> (int) random.nextLong(min, (long) max + 1);
  }

  /** A long from min to max, both inclusive. */
  public static Gen<Long> longs(long min, long max) {
    if (max < Long.MAX_VALUE) {
      return random -> random.nextLong(min, max + 1);
    }
    return min == Long.MIN_VALUE ? SplittableRandom::nextLong : random -> random.nextLong(min - 1, max) + 1;
  }

  /** Any long; now and then one of the edge cases (0, ±1, the extremes). */
  public static Gen<Long> anyLong() {
    return frequency(weight(9, random -> random.nextLong()),
        weight(1, oneOf(0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, (long) Integer.MAX_VALUE + 1)));
  }

  /** Any finite double, of any magnitude; now and then an edge case. */
  public static Gen<Double> anyDouble() {
    return frequency(
        weight(6, random -> (random.nextBoolean() ? 1 : -1) * random.nextDouble()
            * Math.pow(10, random.nextInt(-320, 309))),
        weight(3, random -> random.nextDouble(-1e6, 1e6)),
        weight(1, oneOf(0.0, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 1e-300)));
  }

  /** A string of min to max characters (both inclusive), each from this alphabet. */
  public static Gen<String> strings(String alphabet, int min, int max) {
    return strings(random -> alphabet.charAt(random.nextInt(alphabet.length())), min, max);
  }

  public static Gen<String> strings(Gen<Character> chars, int min, int max) {
    return random -> {
      int length = random.nextInt(min, max + 1);
      StringBuilder text = new StringBuilder(length);
      for (int i = 0; i < length; i++) {
        text.append(chars.next(random));
      }
      return text.toString();
    };
  }

  /** Any UTF-16 unit (lone surrogates and noncharacters included) but the excluded ones. */
  public static Gen<Character> anyChar(char... excluded) {
    char[] sorted = excluded.clone();
    Arrays.sort(sorted);
    return random -> {
      while (true) {
        char c = (char) random.nextInt(Character.MAX_VALUE + 1);
        if (Arrays.binarySearch(sorted, c) < 0) {
          return c;
        }
      }
    };
  }

  public static Gen<byte[]> bytes(int min, int max) {
    return random -> {
      byte[] bytes = new byte[random.nextInt(min, max + 1)];
      random.nextBytes(bytes);
      return bytes;
    };
  }

  /** A map of up to maxSize entries: keys that come twice are drawn again, a few times at most. */
  public static <K, V> Gen<Map<K, V>> maps(Gen<? extends K> keys, Gen<? extends V> values, int maxSize) {
    return random -> {
      int size = random.nextInt(maxSize + 1);
      Map<K, V> map = new LinkedHashMap<>();
      for (int attempts = 0; map.size() < size && attempts < size * 4; attempts++) {
        K key = keys.next(random);
        if (!map.containsKey(key)) {
          map.put(key, values.next(random));
        }
      }
      return map;
    };
  }

  // ---- running a property

  /** This run's seed (printed once). */
  public static long seed() {
    return SEED;
  }

  /** How to re-run with this seed; part of every failure's message. */
  public static String reproduce() {
    return reproduce(SEED);
  }

  /**
   * A property: {@code tries} values of {@code gen}, each checked by {@code check}, which fails by
   * throwing. On the first failure the value is shrunk: {@code smaller} names candidates (each a
   * little simpler, e.g. one mutation or one field less); a candidate that fails the same way and is
   * smaller by {@code size} replaces it, until none does or {@code shrinkBudget} checks are spent.
   * Throws an AssertionError naming the seed, the try, the value that failed first and the smallest one
   * found, with the smallest one's failure as cause.
   */
  public static <T> void forAll(String property, int tries, Gen<T> gen, Consumer<T> check,
      Function<T, List<T>> smaller, ToLongFunction<T> size, int shrinkBudget) {
    SplittableRandom perProperty = new SplittableRandom(SEED ^ mix(property.hashCode()));
    for (int t = 1; t <= tries; t++) {
      T value = gen.next(perProperty.split());
      Throwable failure = failure(check, value);
      if (failure == null) {
        continue;
      }
      String kind = kind(failure);
      T smallest = value;
      Throwable smallestFailure = failure;
      int spent = 0;
      int steps = 0;
      boolean shrunk = true;
      while (shrunk && spent < shrinkBudget) {
        shrunk = false;
        for (T candidate : smaller.apply(smallest)) {
          if (spent >= shrinkBudget) {
            break;
          }
          if (size.applyAsLong(candidate) >= size.applyAsLong(smallest)) {
            continue;
          }
          spent++;
          Throwable candidateFailure = failure(check, candidate);
          if (candidateFailure != null && kind.equals(kind(candidateFailure))) {
            smallest = candidate;
            smallestFailure = candidateFailure;
            steps++;
            shrunk = true;
            break;
          }
        }
      }
      AssertionError error = new AssertionError("property '" + property + "' failed at try " + t + " of " + tries
          + ", " + reproduce() + "\n  first failing value: " + value + "\n  failure: " + failure.getMessage()
          + "\n  smallest failing value (" + steps + " shrink steps in " + spent + " checks): " + smallest
          + "\n  its failure: " + smallestFailure.getMessage(), smallestFailure);
      if (smallestFailure != failure) {
        error.addSuppressed(failure);
      }
      throw error;
    }
  }

  private static <T> Throwable failure(Consumer<T> check, T value) {
    try {
      check.accept(value);
      return null;
    } catch (AssertionError | RuntimeException failure) {
      return failure;
    }
  }

  /** The same way of failing: the same exception class and the same first word of its message. */
  private static String kind(Throwable failure) {
    String message = Objects.toString(failure.getMessage(), "").strip();
    int space = message.indexOf(' ');
    return failure.getClass().getName() + ":" + (space < 0 ? message : message.substring(0, space));
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }

  private static long chooseSeed() {
    String given = System.getProperty(SEED_PROPERTY);
    long seed = given == null || given.isBlank() ? new SplittableRandom().nextLong() : Long.parseLong(given.strip());
    System.out.println("Fuzz: " + reproduce(seed) + (given == null || given.isBlank() ? ", random" : ", given"));
    return seed;
  }

  private static String reproduce(long seed) {
    return "seed " + seed + " (re-run with -D" + SEED_PROPERTY + "=" + seed + ")";
  }
}
