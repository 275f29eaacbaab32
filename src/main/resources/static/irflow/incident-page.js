// irflow's incident page (/incident.html?id=INC-…): one incident's whole story for everybody of it, and,
// without an id, the search over all incidents, closed ones included. It runs with the login of the
// Camunda webapps (Tasklist or Cockpit) in this browser: irflow's API reads the session's user; a change
// carries the session's CSRF token (GET /api/session/csrf-token), which Camunda's own cookie keeps under
// /camunda. Who may read and change what is decided by the server; the page only hides what it refuses.
// Every value from the server is written with textContent, never as HTML.

const API = "/api";
const PAGE = "/incident.html";
const main = document.getElementById("irflow-page");

function element(tag, attributes, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([name, value]) => node.setAttribute(name, value));
  children.flat(Infinity).forEach(child => {
    if (child !== null && child !== undefined && child !== false) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
  });
  return node;
}

class Refused extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function getJson(url) {
  const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Refused(response.status, body.message || body.detail || url + " answered " + response.status);
  }
  return body;
}

let csrf = null;

/** POSTs a JSON body as the logged-in user with the session's CSRF token; a refusal throws the server's words. */
async function postJson(url, body) {
  if (!csrf) {
    csrf = await getJson(API + "/session/csrf-token");
  }
  const response = await fetch(url, {
    method: "POST",
    credentials: "same-origin",
    headers: { Accept: "application/json", "Content-Type": "application/json", [csrf.header]: csrf.token },
    body: JSON.stringify(body)
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Refused(response.status, answer.message || answer.detail || url + " answered " + response.status);
  }
  return answer;
}

function time(value) {
  return value ? new Date(value).toLocaleString() : "";
}

function person(p) {
  if (!p) {
    return "nobody yet";
  }
  return p.name && p.name !== p.id ? p.name + " (" + p.id + ")" : p.id;
}

function people(list) {
  return list && list.length ? list.map(person).join(", ") : "nobody yet";
}

function incidentLink(id) {
  return element("a", { href: PAGE + "?id=" + encodeURIComponent(id), class: "irflow-incident-link" }, id);
}

function table(cssClass, headings, rows, empty) {
  if (!rows.length) {
    return element("p", { class: cssClass + " irflow-muted" }, empty);
  }
  return element("table", { class: cssClass },
    element("thead", {}, element("tr", {}, headings.map(h => element("th", {}, h)))),
    element("tbody", {}, rows));
}

function refusal(e) {
  if (e.status === 401) {
    return element("div", { class: "irflow-message refused irflow-login" },
      "You are not logged in. ", element("a", { href: "/camunda/app/tasklist/" }, "Log in to Tasklist"),
      ", then open this link again.");
  }
  return element("div", { class: "irflow-message refused irflow-refused" },
    (e.status === 403 ? "Not allowed: " : e.status === 404 ? "Not found: " : "Could not load: ") + e.message);
}

// ---- the search ----------------------------------------------------------------------------------

async function showSearch(params) {
  const text = element("input", { type: "search", name: "q", placeholder: "Id or words of the title",
    value: params.get("q") || "", class: "irflow-search-text", size: "40" });
  const status = element("select", { name: "status", class: "irflow-search-status" },
    ["", "DECLARED", "RESOLVED", "CLOSED", "MERGED"].map(value => {
      const option = element("option", { value }, value ? value.toLowerCase() : "any status");
      if (value === (params.get("status") || "")) {
        option.selected = true;
      }
      return option;
    }));
  const form = element("form", { class: "irflow-search", method: "get", action: PAGE },
    text, status, element("button", { type: "submit", class: "irflow-search-button" }, "Search"));
  const results = element("div", { class: "irflow-results" }, element("p", {}, "Searching…"));
  main.replaceChildren(element("h1", {}, "Incidents"),
    element("p", { class: "irflow-muted" }, "Open and closed incidents, newest first. Incident commanders and"
      + " managers find every incident, everybody else the incidents they take part in."), form, results);
  const query = new URLSearchParams({ limit: "100" });
  if (params.get("q")) {
    query.set("q", params.get("q"));
  }
  if (params.get("status")) {
    query.set("status", params.get("status"));
  }
  try {
    const incidents = await getJson(API + "/incidents?" + query);
    results.replaceChildren(table("irflow-search-results", ["Incident", "Title", "Severity", "Status", "Declared",
      "Closed"], incidents.map(incident => element("tr", { "data-incident-id": incident.id },
      element("td", {}, incidentLink(incident.id)),
      element("td", {}, incident.title || ""),
      element("td", {}, element("span", { class: "irflow-badge " + incident.severity }, incident.severity)),
      element("td", {}, incident.status.toLowerCase() + (incident.drill ? " (drill)" : "")),
      element("td", { class: "irflow-time" }, time(incident.declaredAt)),
      element("td", { class: "irflow-time" }, time(incident.closedAt)))), "No incident matches."));
  } catch (e) {
    results.replaceChildren(refusal(e));
  }
}

// ---- one incident --------------------------------------------------------------------------------

function stage(page) {
  const incident = page.incident;
  const names = Array.from(new Set(page.openTasks.map(task => task.name)));
  const status = incident.status.toLowerCase();
  return names.length ? status + ": " + names.join(", ") : status;
}

function facts(page) {
  const incident = page.incident;
  const rows = [
    ["Status", element("span", { class: "irflow-status" }, incident.status.toLowerCase() + (incident.drill ? " (drill)" : ""))],
    ["Severity", element("span", { class: "irflow-severity irflow-badge " + incident.severity }, incident.severity)],
    ["Stage", element("span", { class: "irflow-stage" }, stage(page))],
    ["Objective", incident.objective || "not stated yet"],
    ["War room", element("span", { class: "irflow-war-room" }, incident.warRoomChannel || "not opened yet")],
    ["Backup channel", element("span", { class: "irflow-backup-channel" }, incident.backupChannel || "not opened yet")],
    ["Reported", time(incident.reportedAt)],
    ["Declared", time(incident.declaredAt)],
    ["Resolved", time(incident.resolvedAt) || "not yet"],
    ["Closed", time(incident.closedAt) || "not yet"]
  ];
  return element("dl", { class: "irflow-facts" },
    rows.map(([label, value]) => [element("dt", {}, label), element("dd", {}, value)]));
}

function roles(page) {
  const r = page.roles;
  const rows = [
    ["Incident command supervisor", "irflow-role-supervisor", person(r.supervisor)],
    ["Communications officer", "irflow-role-communications-officer", person(r.communicationsOfficer)],
    ["Responders", "irflow-role-responders", people(r.responders)],
    ["Signers of its pauses", "irflow-role-signers", people(r.signers)],
    ["Others with tasks of it", "irflow-role-others", people(r.others)]
  ];
  return element("table", { class: "irflow-roles" }, element("tbody", {},
    rows.map(([label, css, value]) => element("tr", { class: css }, element("th", {}, label), element("td", {}, value)))));
}

function timeline(page) {
  return table("irflow-timeline", ["When", "Who", "What happened"], page.timeline.map(line =>
    element("tr", { class: "irflow-timeline-entry", "data-kind": line.kind },
      element("td", { class: "irflow-time" }, time(line.at)),
      element("td", {}, line.actor || ""),
      element("td", { class: "irflow-sentence" }, line.sentence))), "Nothing on the timeline yet.");
}

function pauses(page) {
  return table("irflow-pauses", ["Pause", "Contracts", "Path", "State", "On chain", "Requested"],
    page.pauses.map(pause => element("tr", { class: "irflow-pause", "data-pause-id": String(pause.id) },
      element("td", {}, "#" + pause.id + (pause.automatic ? " (automatic)" : "")),
      element("td", {}, pause.contracts.map((name, i) => name + " " + (pause.addresses[i] || "")).join(", ")
        + " on chain " + pause.chainId),
      element("td", {}, pause.path || ""),
      element("td", { class: "irflow-pause-state" }, pause.status + (pause.statusDetail ? ": " + pause.statusDetail : "")
        + (pause.failure ? " (" + pause.failure + ")" : "")),
      element("td", { class: "irflow-pause-chain" },
        pause.transactionHash ? "transaction " + pause.transactionHash + (pause.blockNumber ? ", block " + pause.blockNumber : "")
          + (pause.verifiedAt ? ", paused() verified " + time(pause.verifiedAt) : "")
          : pause.safeTxHash ? "Safe transaction " + pause.safeTxHash + " (not executed yet)" : "no transaction yet",
        pause.transactionBuilderUrl ? [" ", element("a", { href: pause.transactionBuilderUrl }, "Transaction Builder file")] : null),
      element("td", { class: "irflow-time" }, time(pause.requestedAt) + " by " + (pause.requestedBy || "")))),
    "No pause requested.");
}

function messages(page) {
  return table("irflow-public-messages", ["What", "Where", "Subject", "Outcome", "When"],
    page.publicMessages.map(message => element("tr", { class: "irflow-public-message", "data-status": message.status },
      element("td", {}, message.kind),
      element("td", {}, message.channel.toLowerCase()),
      element("td", {}, message.subject || ""),
      element("td", { class: "irflow-outcome" }, message.outcome),
      element("td", { class: "irflow-time" }, time(message.sentAt || message.createdAt)))),
    "No public update or customer notice yet.");
}

function openTasks(page) {
  return table("irflow-open-tasks", ["Task", "Assignee", "Offered to", "Due", "Created"],
    page.openTasks.map(task => element("tr", { class: "irflow-open-task" },
      element("td", {}, task.name),
      element("td", {}, task.assignee ? person(task.assignee) : "unassigned"),
      element("td", {}, [...task.candidateUsers.map(person), ...task.candidateGroups.map(g => "group " + g)].join(", ")),
      element("td", { class: "irflow-time" }, time(task.due) || "no due date"),
      element("td", { class: "irflow-time" }, time(task.created)))),
    "No open task.");
}

function actionItems(page) {
  return table("irflow-action-items", ["#", "Action item", "Priority", "Owner", "Committed date", "Kind", "State"],
    page.actionItems.map(item => element("tr", { class: "irflow-action-item" },
      element("td", {}, String(item.number)), element("td", {}, item.title), element("td", {}, item.priority),
      element("td", {}, item.owner), element("td", {}, item.dueDate || ""),
      element("td", {}, item.optional ? "optional" : "committed"),
      element("td", {}, item.status.toLowerCase()))),
    "No action items.");
}

/** The post-mortem's Markdown (headings, tables, paragraphs) as elements, each text as text. */
function markdown(text) {
  const blocks = [];
  let tableRows = null;
  let paragraph = [];
  const flush = () => {
    if (paragraph.length) {
      blocks.push(element("p", {}, paragraph.join(" ")));
      paragraph = [];
    }
    if (tableRows) {
      const [head, , ...body] = tableRows;
      blocks.push(element("table", {}, element("thead", {}, element("tr", {}, head.map(c => element("th", {}, c)))),
        element("tbody", {}, body.map(row => element("tr", {}, row.map(c => element("td", {}, c)))))));
      tableRows = null;
    }
  };
  for (const line of text.split("\n")) {
    const heading = /^(#{1,3}) (.*)$/.exec(line);
    if (line.startsWith("|")) {
      if (paragraph.length) {
        flush();
      }
      tableRows = tableRows || [];
      tableRows.push(line.replace(/^\||\|$/g, "").split("|").map(cell => cell.trim()));
    } else if (heading) {
      flush();
      blocks.push(element("h" + (heading[1].length + 2), {}, heading[2]));
    } else if (!line.trim()) {
      flush();
    } else {
      if (tableRows) {
        flush();
      }
      paragraph.push(line);
    }
  }
  flush();
  return element("div", { class: "irflow-postmortem" }, blocks);
}

function field(label, input) {
  return [element("label", {}, label), input];
}

/** A form whose submission is the change: its outcome (or the server's refusal) above, then the page again. */
function changeForm(cssClass, title, fields, submitLabel, send, describe, refresh) {
  const form = element("form", { class: cssClass }, element("strong", {}, title), fields,
    element("button", { type: "submit" }, submitLabel));
  form.addEventListener("submit", async event => {
    event.preventDefault();
    const button = form.querySelector("button");
    button.disabled = true;
    let outcome;
    try {
      outcome = element("div", { class: "irflow-message ok", role: "status" }, describe(await send()));
    } catch (e) {
      outcome = element("div", { class: "irflow-message refused", role: "status" }, "Refused: " + e.message);
    }
    await refresh(outcome);
  });
  return form;
}

function actions(page, refresh) {
  const id = page.incident.id;
  const base = API + "/incidents/" + encodeURIComponent(id);
  const forms = [];
  if (page.allowed.changeSeverity) {
    const severity = element("select", { name: "severity", class: "irflow-new-severity" },
      ["SEV1", "SEV2", "SEV3", "SEV4"].map(s => {
        const option = element("option", { value: s }, s);
        option.selected = s === page.incident.severity;
        return option;
      }));
    const reason = element("input", { name: "reason", class: "irflow-severity-reason", placeholder: "Why" });
    forms.push(changeForm("irflow-change-severity", "Change severity",
      [field("New severity", severity), field("Reason", reason)], "Change severity",
      () => postJson(base + "/severity", { severity: severity.value, reason: reason.value }),
      answer => "Severity is now " + answer.severity + (answer.pageMessageId ? "; the team has been paged." : "."), refresh));
  }
  if (page.allowed.reassignRoles) {
    const choices = page.roleChoices || {};
    const role = element("select", { name: "role", class: "irflow-role" },
      element("option", { value: "SUPERVISOR" }, "Incident command supervisor"),
      element("option", { value: "COMMUNICATIONS_OFFICER" }, "Communications officer"),
      element("option", { value: "RESPONDERS" }, "Responders"));
    const single = element("select", { name: "userId", class: "irflow-role-person" });
    const several = element("div", { class: "irflow-responders" });
    const current = new Set((page.roles.responders || []).map(p => p.id));
    (choices.RESPONDERS || []).forEach(p => {
      const box = element("input", { type: "checkbox", value: p.id, name: "userIds" });
      box.checked = current.has(p.id);
      several.appendChild(element("label", {}, box, " " + person(p)));
    });
    const showChoices = () => {
      const responders = role.value === "RESPONDERS";
      single.hidden = responders;
      several.hidden = !responders;
      if (!responders) {
        single.replaceChildren(...(choices[role.value] || []).map(p => element("option", { value: p.id }, person(p))));
      }
    };
    role.addEventListener("change", showChoices);
    showChoices();
    forms.push(changeForm("irflow-reassign-role", "Reassign a role", [field("Role", role), field("Give it to", single), several],
      "Reassign", () => postJson(base + "/roles", role.value === "RESPONDERS"
        ? { role: role.value, userIds: Array.from(several.querySelectorAll("input:checked")).map(box => box.value) }
        : { role: role.value, userId: single.value }),
      () => role.options[role.selectedIndex].text + " reassigned.", refresh));
  }
  if (page.allowed.postPublicUpdate) {
    const title = element("input", { name: "title", class: "irflow-update-title" });
    const text = element("textarea", { name: "text", rows: "3", class: "irflow-update-text" });
    forms.push(changeForm("irflow-post-public-update", "Post a public update now",
      [field("Title", title), field("Text", text)], "Post public update",
      () => postJson(base + "/public-updates", { title: title.value, text: text.value }),
      answer => answer.channels.length ? "Public update posted to " + answer.channels.join(", ").toLowerCase() + "."
        : "No public channel is configured: the update is recorded on the timeline only.", refresh));
  }
  if (page.allowed.addNote) {
    const text = element("textarea", { name: "text", rows: "3", class: "irflow-note-text" });
    forms.push(changeForm("irflow-add-note", "Add a note to the timeline", [field("Note", text)], "Add note",
      () => postJson(base + "/notes", { text: text.value }), () => "Note added to the timeline.", refresh));
  }
  return forms.length ? element("div", { class: "irflow-actions" }, forms) : null;
}

async function showIncident(id, outcome) {
  let page;
  try {
    page = await getJson(API + "/incidents/" + encodeURIComponent(id) + "/page");
  } catch (e) {
    main.replaceChildren(element("h1", {}, "Incident " + id), refusal(e));
    return;
  }
  document.title = page.incident.id + " " + page.incident.title + " – irflow";
  const refresh = message => showIncident(id, message);
  const changes = actions(page, refresh);
  // replaceChildren would write a null as the text "null": the parts are gathered in an element first
  main.replaceChildren(...element("div", {},
    element("h1", { class: "irflow-incident-title" }, page.incident.id + ": " + page.incident.title),
    outcome,
    facts(page),
    element("h2", {}, "Roles"), roles(page),
    changes ? element("h2", {}, "Changes") : null, changes,
    element("h2", {}, "Timeline"), timeline(page),
    element("h2", {}, "Pauses"), pauses(page),
    element("h2", {}, "Public updates and customer notices"), messages(page),
    element("h2", {}, "Open tasks"), openTasks(page),
    element("h2", {}, "Action items"), actionItems(page),
    element("h2", {}, "Post-mortem"),
    page.postMortem ? markdown(page.postMortem) : element("p", { class: "irflow-muted" }, "No post-mortem (yet).")
  ).childNodes);
}

async function start() {
  // the webapps' own question "who is logged in?" answers 404 without a session, where irflow's API would
  // answer 401 with a Basic challenge, and the browser would ask for a password
  const session = await fetch("/camunda/api/admin/auth/user/default", { credentials: "same-origin" })
    .catch(() => ({ ok: false }));
  if (!session.ok) {
    main.replaceChildren(refusal(new Refused(401, "not logged in")));
    return;
  }
  try {
    const me = await getJson(API + "/me");
    document.getElementById("irflow-who").textContent = "Logged in as " + me.userId;
  } catch (e) {
    main.replaceChildren(refusal(e));
    return;
  }
  const params = new URLSearchParams(location.search);
  if (params.get("id")) {
    showIncident(params.get("id").trim());
  } else {
    showSearch(params);
  }
}

start();
