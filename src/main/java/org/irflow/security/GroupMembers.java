package org.irflow.security;

import java.util.Collection;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;
import org.irflow.process.EngineAccess;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The members of Camunda groups, read for the process (the person whose request runs the step may
 * not be allowed to list users).
 */
@Component
public class GroupMembers {

  private final IdentityService identity;

  private final ProcessEngine engine;

  public GroupMembers(@Lazy IdentityService identity, @Lazy ProcessEngine engine) {
    this.identity = identity;
    this.engine = engine;
  }

  /**
   * Reads users and groups for the process, not for the person calling: inside the engine's command
   * without its authorization checks, and from a request of irflow's API (no command yet, the caller's
   * authentication set) in a command of its own, where a person who may not list users would otherwise
   * see nobody.
   */
  private <T> T forTheProcess(Supplier<T> work) {
    return Context.getCommandContext() != null ? EngineAccess.asProcess(work)
        : EngineAccess.inCommandAsProcess(engine, work);
  }

  /** User ids of the members of any of the groups, sorted, each once. */
  public List<String> of(Collection<String> groups) {
    return forTheProcess(() -> {
      TreeSet<String> members = new TreeSet<>();
      for (String group : groups) {
        identity.createUserQuery().memberOfGroup(group).list().stream().map(User::getId)
            .forEach(members::add);
      }
      return List.copyOf(members);
    });
  }

  /** A member as a person picks them: the user id, and the name shown beside it. */
  public record Member(String id, String displayName) {}

  /** The members of any of the groups, sorted by user id, each once, with display names. */
  public List<Member> withNames(Collection<String> groups) {
    return forTheProcess(() -> {
      TreeMap<String, Member> members = new TreeMap<>();
      for (String group : groups) {
        identity.createUserQuery().memberOfGroup(group).list()
            .forEach(user -> members.put(user.getId(), new Member(user.getId(), displayName(user))));
      }
      return List.copyOf(members.values());
    });
  }

  /** The user's name as {@link #withNames} shows it; the id alone for an unknown user. */
  public String nameOf(String userId) {
    return forTheProcess(() -> {
      User user = identity.createUserQuery().userId(userId).singleResult();
      return user == null ? userId : displayName(user);
    });
  }

  /** "Alice Archer (alice)"; the user id alone when the user has no name. */
  static String displayName(User user) {
    String name = String.join(" ", java.util.stream.Stream.of(user.getFirstName(), user.getLastName())
        .filter(part -> part != null && !part.isBlank()).toList());
    return name.isEmpty() ? user.getId() : name + " (" + user.getId() + ")";
  }
}
