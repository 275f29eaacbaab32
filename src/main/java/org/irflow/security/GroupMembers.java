package org.irflow.security;

import java.util.Collection;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
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

  public GroupMembers(@Lazy IdentityService identity) {
    this.identity = identity;
  }

  /** User ids of the members of any of the groups, sorted, each once. */
  public List<String> of(Collection<String> groups) {
    return EngineAccess.asProcess(() -> {
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
    return EngineAccess.asProcess(() -> {
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
    return EngineAccess.asProcess(() -> {
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
