package org.irflow.security;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GLOBAL;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;
import static org.irflow.security.Groups.ADMINS;
import static org.irflow.security.Groups.COMMUNICATIONS;
import static org.irflow.security.Groups.INCIDENT_COMMANDERS;
import static org.irflow.security.Groups.MANAGERS;
import static org.irflow.security.Groups.METRICS_SCRAPERS;
import static org.irflow.security.Groups.PROGRAMME;
import static org.irflow.security.Groups.RESPONDERS;
import static org.irflow.security.Groups.SIGNERS;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.TaskQuery;
import org.irflow.process.ProcessKeys;
import org.irflow.process.TaskCards;
import org.irflow.process.TrainingVariables;
import org.irflow.process.SignerVariables;
import org.irflow.process.Variables;
import org.irflow.triage.SupervisorDeclaration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates irflow's groups, their authorizations and the Tasklist filters (the general ones for
 * everyone, and per role: "My incident tasks", "Signing requests", "Triage", "Communications
 * approvals", shared with the groups that work them) on every start (idempotent),
 * and the demo users when irflow.security.demo-users is on. Each group sees and works only on its
 * own tasks: a task's assignee and candidate groups get their rights from the engine as it is created.
 */
@Component
@Order(1)
public class IdentitySetup implements ApplicationRunner {

  private static final Logger LOG = LoggerFactory.getLogger(IdentitySetup.class);

  /** Demo user, group: one per role, two more supervisors for escalation and hand-off. */
  static final Map<String, String> DEMO_USERS = new LinkedHashMap<>();

  static {
    DEMO_USERS.put("alice", INCIDENT_COMMANDERS);
    DEMO_USERS.put("bob", INCIDENT_COMMANDERS);
    DEMO_USERS.put("kai", INCIDENT_COMMANDERS);
    DEMO_USERS.put("carol", COMMUNICATIONS);
    DEMO_USERS.put("dave", RESPONDERS);
    DEMO_USERS.put("erin", SIGNERS);
    DEMO_USERS.put("maria", MANAGERS);
    DEMO_USERS.put("admin", ADMINS);
  }

  static final String DEMO_PASSWORD = "demo";

  /** The tasks of the "Signing requests" filter: sign the Safe's proposal, or execute it in Safe{Wallet}. */
  static final String[] SIGNING_TASKS = {"Task_SignPauseTransaction", "Task_ExecutePauseManually"};
  static final String TRIAGE_TASK = "Task_TriageEvent";
  /** The tasks of the "Communications approvals" filter. */
  static final String[] COMMUNICATIONS_TASKS = {"Task_DraftPublicUpdate", "Task_ApprovePublicUpdate",
      "Task_DraftCustomerNotification", "Task_ApproveCustomerNotification", "Task_SendByHand"};

  private final IdentityService identity;
  private final AuthorizationService authorizations;
  private final FilterService filters;
  private final TaskService tasks;
  private final SecurityProperties properties;

  public IdentitySetup(IdentityService identity, AuthorizationService authorizations,
      FilterService filters, TaskService tasks, SecurityProperties properties) {
    this.identity = identity;
    this.authorizations = authorizations;
    this.filters = filters;
    this.tasks = tasks;
    this.properties = properties;
  }

  @Override
  public void run(ApplicationArguments args) {
    createGroups();
    grantAuthorizations();
    createTasklistFilters();
    if (properties.demoUsers()) {
      createDemoUsers();
      LOG.warn("Demo users are on (irflow.security.demo-users=true): never in production");
    }
  }

  private void createGroups() {
    group(INCIDENT_COMMANDERS, "Incident command supervisors");
    group(COMMUNICATIONS, "Public communications officers");
    group(RESPONDERS, "Responders");
    group(SIGNERS, "Multisig signers");
    group(MANAGERS, "Programme managers");
    group(ADMINS, "Operators");
    group(METRICS_SCRAPERS, "Metrics scrapers (Prometheus)");
  }

  private void grantAuthorizations() {
    for (Resources resource : Resources.values()) {
      grant(ADMINS, resource, ANY, Permissions.ALL);
    }
    for (String group : PROGRAMME) {
      grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
      // everyone may report a security event
      grant(group, Resources.PROCESS_DEFINITION, ProcessKeys.INCIDENT_TRIAGE,
          Permissions.READ, Permissions.CREATE_INSTANCE);
      grant(group, Resources.PROCESS_INSTANCE, ANY, Permissions.CREATE);
    }
    // an incident command supervisor may declare an incident at once ("Declare an incident")
    grant(INCIDENT_COMMANDERS, Resources.PROCESS_DEFINITION, SupervisorDeclaration.DECLARATION_PROCESS,
        Permissions.READ, Permissions.CREATE_INSTANCE);
    // only the programme manager signals a radical system change (everyone trained is retrained)
    grant(MANAGERS, Resources.PROCESS_DEFINITION, TrainingVariables.RADICAL_SYSTEM_CHANGE_PROCESS,
        Permissions.READ, Permissions.CREATE_INSTANCE);
    // a signer proves the Safe owner address they sign with ("Prove my signing address")
    grant(SIGNERS, Resources.PROCESS_DEFINITION, SignerVariables.SIGNER_ADDRESS_PROOF_PROCESS,
        Permissions.READ, Permissions.CREATE_INSTANCE);
    // supervisors and managers follow every incident in Cockpit, read-only
    for (String group : List.of(INCIDENT_COMMANDERS, MANAGERS)) {
      grant(group, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
      grant(group, Resources.PROCESS_DEFINITION, ANY,
          Permissions.READ, Permissions.READ_INSTANCE, Permissions.READ_HISTORY);
      grant(group, Resources.PROCESS_INSTANCE, ANY, Permissions.READ);
      grant(group, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY);
      grant(group, Resources.DEPLOYMENT, ANY, Permissions.READ);
      grant(group, Resources.TASK, ANY, Permissions.READ);
    }
  }

  private void createTasklistFilters() {
    filter("My tasks", -10, "Tasks assigned to me",
        tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}"), List.of());
    filter("My groups' tasks", 0, "Open tasks of my groups, assigned or not",
        tasks.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}")
            .includeAssignedTasks(), List.of());
    filter("All tasks I can see", 10, "Every task I am allowed to see", tasks.createTaskQuery(), List.of());
    // the role filters; every filter's own order is the most urgent first (priority from the severity,
    // then the earliest due date): the REST API keeps it, Tasklist's sort menu replaces it
    filter("My incident tasks", -20, "Tasks of incidents assigned to me or offered to my groups",
        mineOrOffered(tasks.createTaskQuery()).processVariableValueLike(Variables.INCIDENT_ID, "%"),
        List.of(INCIDENT_COMMANDERS, COMMUNICATIONS, RESPONDERS, SIGNERS));
    filter("Signing requests", -15, "Pause transactions to sign or execute in Safe{Wallet}",
        mineOrOffered(tasks.createTaskQuery().taskDefinitionKeyIn(SIGNING_TASKS)),
        List.of(SIGNERS, INCIDENT_COMMANDERS));
    filter("Triage", -14, "Security events waiting for triage, whoever is on call",
        tasks.createTaskQuery().taskDefinitionKey(TRIAGE_TASK), List.of(INCIDENT_COMMANDERS));
    filter("Communications approvals", -13, "Public updates and customer notices to draft or approve, and messages to send by hand",
        mineOrOffered(tasks.createTaskQuery().taskDefinitionKeyIn(COMMUNICATIONS_TASKS)),
        List.of(COMMUNICATIONS, INCIDENT_COMMANDERS));
  }

  /** Tasks assigned to the user looking, or not assigned and offered to them or to one of their groups. */
  private static TaskQuery mineOrOffered(TaskQuery query) {
    return query.or()
        .taskAssigneeExpression("${currentUser()}")
        .taskCandidateUserExpression("${currentUser()}")
        .endOr();
  }

  private void createDemoUsers() {
    DEMO_USERS.forEach((userId, groupId) -> {
      if (identity.createUserQuery().userId(userId).count() == 0) {
        User user = identity.newUser(userId);
        user.setFirstName(Character.toUpperCase(userId.charAt(0)) + userId.substring(1));
        user.setLastName("(demo)");
        user.setEmail(userId + "@irflow.invalid");
        user.setPassword(DEMO_PASSWORD);
        identity.saveUser(user);
      }
      if (identity.createGroupQuery().groupMember(userId).groupId(groupId).count() == 0) {
        identity.createMembership(userId, groupId);
      }
    });
  }

  private void group(String id, String name) {
    if (identity.createGroupQuery().groupId(id).count() == 0) {
      Group group = identity.newGroup(id);
      group.setName(name);
      group.setType(ADMINS.equals(id) || METRICS_SCRAPERS.equals(id)
          ? Groups.GROUP_TYPE_SYSTEM : Groups.GROUP_TYPE_WORKFLOW);
      identity.saveGroup(group);
    }
  }

  private void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
    Authorization authorization = authorizations.createAuthorizationQuery()
        .groupIdIn(groupId).resourceType(resource).resourceId(resourceId).singleResult();
    if (authorization == null) {
      authorization = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
      authorization.setGroupId(groupId);
      authorization.setResource(resource);
      authorization.setResourceId(resourceId);
    }
    for (Permission permission : permissions) {
      authorization.addPermission(permission);
    }
    authorizations.saveAuthorization(authorization);
  }

  /**
   * Creates or updates the filter of that name. Shared with the groups named, or with everyone when
   * none is. Two nodes starting at once may both create it: the oldest one stays, the others go.
   */
  private void filter(String name, int priority, String description, TaskQuery query, List<String> sharedWith) {
    List<Filter> existing = filters.createFilterQuery().filterName(name).orderByFilterId().asc().list();
    Filter filter = existing.isEmpty() ? filters.newTaskFilter(name) : existing.get(0);
    existing.stream().skip(1).forEach(duplicate -> filters.deleteFilter(duplicate.getId()));
    Map<String, Object> filterProperties = new LinkedHashMap<>();
    filterProperties.put("description", description);
    filterProperties.put("priority", priority);
    filterProperties.put("refresh", true);
    filterProperties.put("variables", TaskCards.VARIABLES);
    filter.setProperties(filterProperties);
    filter.setQuery(query.orderByTaskPriority().desc().orderByDueDate().asc());
    filters.saveFilter(filter);
    if (!sharedWith.isEmpty()) {
      sharedWith.forEach(group -> grant(group, Resources.FILTER, filter.getId(), Permissions.READ));
      return;
    }
    boolean everyoneMayRead = authorizations.createAuthorizationQuery()
        .resourceType(Resources.FILTER).resourceId(filter.getId()).userIdIn(ANY).count() > 0;
    if (!everyoneMayRead) {
      Authorization read = authorizations.createNewAuthorization(AUTH_TYPE_GLOBAL);
      read.setResource(Resources.FILTER);
      read.setResourceId(filter.getId());
      read.addPermission(Permissions.READ);
      authorizations.saveAuthorization(read);
    }
  }
}
