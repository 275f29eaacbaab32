// irflow's Cockpit plugin "Incidents" (Camunda 7.14+ plugin API: an ES module whose default export
// is a list of plugin definitions). A navigation entry and a page (#/irflow-incidents) with the open
// incidents, read from irflow's REST API (/api/incidents, /api/metrics) and from the engine REST API
// of the Cockpit webapp (open tasks of each incident's response), all with the Cockpit session.
// An incident commander also corrects correlation there: moves an event attached to an incident, or
// gathered into an open triage, into a triage of its own, and merges one open incident into another.
// Those changes go to irflow's API with the Cockpit session and the session's CSRF token, which
// Cockpit hands to its plugins (api.CSRFToken); the server names the person on the timeline.
// A second page (#/irflow-pause-readiness) shows whether each registered contract could be paused now:
// the latest pause readiness check per contract and path, the signers' coverage of each pausing Safe
// over the next 7 days, and each Safe's pre-staged pause; an incident commander starts a check there.
// Every value from the server is written with textContent, never as HTML.

const ROUTE = "/irflow-incidents";
const READINESS_ROUTE = "/irflow-pause-readiness";
const IRFLOW_API = "/api";
// irflow's incident page (static/incident.html): one incident's whole story; without an id, the search
const INCIDENT_PAGE = "/incident.html";

let generation = 0;

function element(tag, attributes, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([name, value]) => node.setAttribute(name, value));
  children.forEach(child => {
    if (child !== null && child !== undefined) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
  });
  return node;
}

async function getJson(url, api) {
  const headers = { Accept: "application/json" };
  if (api && api.CSRFToken) {
    headers["X-XSRF-TOKEN"] = api.CSRFToken;
  }
  const response = await fetch(url, { credentials: "same-origin", headers });
  if (!response.ok) {
    const error = new Error(url + " answered " + response.status);
    error.status = response.status;
    throw error;
  }
  return response.json();
}

/** POSTs a JSON body as the logged-in user; a refusal throws with the server's message. */
async function postJson(url, api, body) {
  const response = await fetch(url, {
    method: "POST",
    credentials: "same-origin",
    headers: { Accept: "application/json", "Content-Type": "application/json", "X-XSRF-TOKEN": api.CSRFToken || "" },
    body: JSON.stringify(body || {})
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(answer.message || url + " answered " + response.status);
  }
  return answer;
}

function age(from, now) {
  if (!from) {
    return "";
  }
  const minutes = Math.max(0, Math.floor((now - new Date(from).getTime()) / 60000));
  if (minutes < 60) {
    return minutes + " min";
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 48) {
    return hours + " h " + (minutes % 60) + " min";
  }
  return Math.floor(hours / 24) + " d " + (hours % 24) + " h";
}

function formatTime(value) {
  return value ? new Date(value).toLocaleString() : "";
}

/** The open tasks of the incident's processes (business key = incident id), earliest due first. */
async function openTasks(api, incidentId) {
  const url = api.engineApi + "/task?processInstanceBusinessKey=" + encodeURIComponent(incidentId)
    + "&sortBy=dueDate&sortOrder=asc";
  try {
    return await getJson(url, api);
  } catch (e) {
    return null;
  }
}

/**
 * What a task asks, without its incident: task names read "INC-… · Sign the pause transaction · title"
 * so that Tasklist cards say whose they are; in the incident's own row the action is enough.
 */
function action(task) {
  const parts = (task.name || "").split(" · ");
  return parts.length > 1 ? parts[1] : task.name;
}

function nextDeadline(tasks) {
  if (!tasks) {
    return { text: "unknown", title: "the open tasks could not be read" };
  }
  const due = tasks.filter(task => task.due).sort((a, b) => new Date(a.due) - new Date(b.due));
  if (due.length === 0) {
    return { text: "none", title: "no open task has a due date" };
  }
  return { text: formatTime(due[0].due) + " (" + action(due[0]) + ")", title: due[0].due };
}

function stage(incident, tasks) {
  const names = tasks ? Array.from(new Set(tasks.map(action))) : [];
  return names.length ? incident.status + ": " + names.join(", ") : incident.status;
}

const DAY = 24 * 60 * 60 * 1000;

function duration(seconds) {
  if (seconds === null || seconds === undefined) {
    return "–";
  }
  if (seconds < 120) {
    return Math.round(seconds) + " s";
  }
  if (seconds < 2 * 3600) {
    return Math.round(seconds / 60) + " min";
  }
  if (seconds < 2 * 86400) {
    return (seconds / 3600).toFixed(1) + " h";
  }
  return (seconds / 86400).toFixed(1) + " d";
}

function count(value) {
  return value === null || value === undefined ? "–" : String(value);
}

// [label, value of a period, how to show it]; for every figure lower is better
const FIGURES = [
  ["Incidents declared", m => m.incidentsDeclared, count],
  ["Time to acknowledge (mean)", m => m.timeToAcknowledge && m.timeToAcknowledge.meanSeconds, duration],
  ["Time to declare (mean)", m => m.timeToDeclare && m.timeToDeclare.meanSeconds, duration],
  ["Time to contain (mean)", m => m.timeToContain && m.timeToContain.meanSeconds, duration],
  ["Time to recover (mean)", m => m.timeToRecover && m.timeToRecover.meanSeconds, duration],
  ["Time to recover (p90)", m => m.timeToRecover && m.timeToRecover.p90Seconds, duration],
  ["Open incidents at the end", m => m.openIncidents && m.openIncidents.total, count],
  ["Overdue action items at the end", m => m.overdueActionItems && m.overdueActionItems.count, count]
];

function trend(now, before) {
  if (now === null || now === undefined || before === null || before === undefined) {
    return "";
  }
  if (now < before) {
    return "↓ better";
  }
  return now > before ? "↑ worse" : "= same";
}

// the last 30 days beside the 30 days before them, drills excluded (GET /api/metrics)
async function metricsTable(api) {
  const now = Date.now();
  const period = (from, to) => IRFLOW_API + "/metrics?from=" + new Date(from).toISOString()
    + "&to=" + new Date(to).toISOString();
  let current;
  let previous;
  try {
    [current, previous] = await Promise.all([
      getJson(period(now - 30 * DAY, now), api), getJson(period(now - 60 * DAY, now - 30 * DAY), api)]);
  } catch (e) {
    return element("p", { class: "irflow-metrics" }, "Metrics: not available");
  }
  const rows = FIGURES.map(([label, value, show]) => element("tr", { class: "irflow-metric" },
    element("td", {}, label),
    element("td", { class: "irflow-metric-current" }, show(value(current) ?? null)),
    element("td", {}, show(value(previous) ?? null)),
    element("td", { class: "irflow-metric-trend" }, trend(value(current), value(previous)))));
  const cadence = current.drillCadence && current.drillCadence.kept ? "drill cadence kept" : "drill overdue";
  const training = current.trainingCompliance && current.trainingCompliance.ratio !== null
    ? Math.round(current.trainingCompliance.ratio * 100) + "% of the team trained" : "training: no members";
  const readiness = current.readiness && current.readiness.confirmed ? "readiness confirmed" : "readiness not confirmed";
  return element("div", { class: "irflow-metrics" },
    element("p", {}, "Programme metrics (drills excluded): " + cadence + ", " + training + ", " + readiness + "."),
    element("table", { class: "cam-table table irflow-metrics-table" },
      element("thead", {}, element("tr", {},
        ...["Metric", "Last 30 days", "30 days before", "Trend"].map(label => element("th", {}, label)))),
      element("tbody", {}, ...rows)));
}

function eventText(event) {
  const kind = [event.sourceSeverity, event.findingType].filter(Boolean).join(", ");
  return "#" + event.id + " " + formatTime(event.reportedAt) + " " + (event.source || event.reporter || "")
    + (kind ? " (" + kind + ")" : "") + ": " + (event.title || "");
}

function button(cssClass, label, onClick) {
  const node = element("button", { type: "button", class: "btn btn-default btn-xs " + cssClass, style: "margin-left: 8px;" },
    label);
  node.addEventListener("click", () => {
    node.disabled = true;
    onClick();
  });
  return node;
}

/**
 * The events of an incident or a triage, each but its own with "Move to its own triage" when the
 * user may regroup. detachPath(event) is where the move is posted.
 */
function eventList(events, ownEventId, page, detachPath) {
  return element("ul", { class: "irflow-events list-unstyled" }, ...events.map(event => {
    const own = event.id === ownEventId;
    return element("li", { class: "irflow-event", "data-event-id": String(event.id) },
      element("span", { class: "irflow-event-text" }, eventText(event)),
      own ? element("span", { class: "text-muted" }, " (its own event)") : null,
      !own && page.caller.mayRegroup
        ? button("irflow-detach", "Move to its own triage", () => page.act(
          () => postJson(detachPath(event), page.api, {}),
          moved => "Event " + event.id + " moved to a triage of its own (process " + moved.triageProcessInstanceId + ")."))
        : null);
  }));
}

/** A row under an incident's row, spanning the table, holding its events or its merge choice. */
function detailRow(cssClass, incidentId, columns, ...content) {
  return element("tr", { class: cssClass, "data-incident-id": incidentId },
    element("td", { colspan: String(columns) }, ...content));
}

function toggleDetail(row, existing, make) {
  if (existing) {
    existing.remove();
    return;
  }
  make().then(detail => row.after(detail));
}

async function showEvents(page, incident, row, columns) {
  const events = await getJson(IRFLOW_API + "/incidents/" + encodeURIComponent(incident.id) + "/events", page.api);
  return detailRow("irflow-incident-events", incident.id, columns,
    events.length ? eventList(events, incident.eventId, page, event => IRFLOW_API + "/incidents/"
      + encodeURIComponent(incident.id) + "/events/" + event.id + "/detach")
      : element("p", {}, "No events."));
}

async function showMerge(page, incident, others, columns) {
  const select = element("select", { class: "form-control irflow-merge-target", style: "display: inline-block; width: auto;" },
    ...others.map(other => element("option", { value: other.id }, other.id + " – " + (other.title || ""))));
  return detailRow("irflow-incident-merge", incident.id, columns,
    element("label", {}, "Merge " + incident.id + " into "), select, " ",
    button("irflow-merge", "Merge", () => page.act(
      () => postJson(IRFLOW_API + "/incidents/" + encodeURIComponent(select.value) + "/merge", page.api,
        { incidentId: incident.id }),
      kept => incident.id + " merged into " + kept.id + ".")),
    element("p", { class: "text-muted" }, "Its events become the chosen incident's, its response ends and it is"
      + " kept as MERGED; its pauses, customer notification and spill response go on."));
}

/** The open triages the intake gathered alerts into, with their events. */
function triagesSection(triages, page) {
  if (triages.length === 0) {
    return element("p", { class: "irflow-no-triages text-muted" }, "No open triage holds gathered alerts.");
  }
  return element("div", { class: "irflow-triages" },
    ...triages.map(triage => element("div", { class: "irflow-triage", "data-process-instance-id": triage.processInstanceId },
      element("h4", {}, "Triage of event #" + triage.eventId + ": " + (triage.title || "") + " ("
        + (triage.suspectedSeverity || "no severity") + ", " + triage.eventCount + " events"
        + (triage.eventCount > triage.events.length ? ", the first " + triage.events.length + " shown" : "") + ")"),
      eventList(triage.events, triage.eventId, page, event => IRFLOW_API + "/triages/"
        + encodeURIComponent(triage.processInstanceId) + "/events/" + event.id + "/detach"))));
}

async function renderIncidents(node, page, mine) {
  const api = page.api;
  let incidents;
  let triages;
  try {
    [page.caller, incidents, triages] = await Promise.all([getJson(IRFLOW_API + "/me", api),
      getJson(IRFLOW_API + "/incidents?status=DECLARED&limit=100", api), getJson(IRFLOW_API + "/triages", api)]);
  } catch (e) {
    if (mine !== generation) {
      return;
    }
    node.replaceChildren(element("div", { class: "irflow-error alert alert-danger" },
      "Could not read the incidents: " + e.message
        + (e.status === 401 || e.status === 403 ? " (not allowed for this user)" : "")));
    return;
  }
  const tasks = await Promise.all(incidents.map(incident => openTasks(api, incident.id)));
  const metrics = await metricsTable(api);
  if (mine !== generation) {
    return;
  }
  const now = Date.now();
  const labels = ["Incident", "Title", "Severity", "Status / stage", "Primary supervisor", "Age", "Next deadline",
    "Process", "Events"];
  const header = element("tr", {}, ...labels.map(label => element("th", {}, label)));
  const rows = incidents.map((incident, index) => {
    const deadline = nextDeadline(tasks[index]);
    const processCell = incident.responseProcessInstanceId
      ? element("a", {
        class: "irflow-process-link",
        href: "#/process-instance/" + encodeURIComponent(incident.responseProcessInstanceId)
      }, "response process")
      : "not started";
    const row = element("tr", { class: "irflow-incident", "data-incident-id": incident.id },
      element("td", { class: "irflow-id" }, element("a", { class: "irflow-incident-link",
        href: INCIDENT_PAGE + "?id=" + encodeURIComponent(incident.id) }, incident.id)),
      element("td", { class: "irflow-title" }, incident.title || ""),
      element("td", { class: "irflow-severity" }, incident.severity || ""),
      element("td", { class: "irflow-stage" }, stage(incident, tasks[index])),
      element("td", { class: "irflow-supervisor" }, incident.primarySupervisor || "not assigned"),
      element("td", { class: "irflow-age", title: incident.declaredAt || "" }, age(incident.declaredAt, now)),
      element("td", { class: "irflow-deadline", title: deadline.title }, deadline.text),
      element("td", {}, processCell));
    const detail = cssClass => node.querySelector("tr." + cssClass + "[data-incident-id='" + CSS.escape(incident.id) + "']");
    const others = incidents.filter(other => other.id !== incident.id && other.drill === incident.drill);
    const eventsButton = element("button", { type: "button", class: "btn btn-default btn-sm irflow-show-events" }, "Events");
    eventsButton.addEventListener("click", () => toggleDetail(row, detail("irflow-incident-events"),
      () => showEvents(page, incident, row, labels.length)));
    const mergeButton = page.caller.mayRegroup && others.length
      ? element("button", { type: "button", class: "btn btn-default btn-sm irflow-show-merge" }, "Merge into…")
      : null;
    if (mergeButton) {
      mergeButton.addEventListener("click", () => toggleDetail(row, detail("irflow-incident-merge"),
        () => showMerge(page, incident, others, labels.length)));
    }
    row.appendChild(element("td", { class: "irflow-actions" }, eventsButton, mergeButton ? " " : null, mergeButton));
    return row;
  });
  node.replaceChildren(
    metrics,
    incidents.length === 0
      ? element("p", { class: "irflow-empty" }, "No open incidents.")
      : element("table", { class: "cam-table irflow-incidents table" },
        element("thead", {}, header), element("tbody", {}, ...rows)),
    element("h2", { class: "section-title" }, "Open triages with gathered alerts"),
    triagesSection(triages, page));
}

// ---- Pause readiness ------------------------------------------------------------------------------

const HOUR = 60 * 60 * 1000;
const UTC_DAY = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", weekday: "short", day: "numeric", month: "short" });
const UTC_HOUR = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

const PATH_COLOURS = { PASSED: "#2e7d32", FAILED: "#c62828", MANUAL: "#757575" };

function utcHour(instant) {
  return UTC_DAY.format(instant) + " " + UTC_HOUR.format(instant) + " UTC";
}

/** One line per path: a coloured mark, the path and its reason in words, when it was checked, its open gap. */
function pathLine(path) {
  const colour = PATH_COLOURS[path.status] || PATH_COLOURS.MANUAL;
  const checks = element("ul", { class: "irflow-readiness-checks" }, ...(path.checks || []).map(check =>
    element("li", { class: "irflow-readiness-check", "data-status": check.status },
      check.status.toLowerCase() + ": " + check.check + (check.found ? ": " + check.found : ""))));
  return element("li", {
    class: "irflow-readiness-path irflow-readiness-" + path.status.toLowerCase(),
    "data-contract": path.contract, "data-path": path.path, "data-status": path.status,
    style: "color: " + colour + "; margin-bottom: 6px;"
  },
  element("span", { class: "irflow-readiness-mark", "aria-hidden": "true" }, path.status === "MANUAL" ? "○ " : "● "),
  element("span", { class: "irflow-readiness-reason" },
    (path.status === "MANUAL" ? "" : path.pathInWords + ": ") + path.reason),
  element("span", { class: "irflow-readiness-checked text-muted", title: path.checkedAt || "" },
    " (checked " + formatTime(path.checkedAt) + ")"),
  path.openGap
    ? element("span", { class: "irflow-readiness-gap" }, " – \"Fix the pause path\" open for "
      + (path.openGap.owner || "incident-commanders") + " since " + formatTime(path.openGap.openedAt))
    : null,
  path.status === "MANUAL" ? null
    : element("details", { class: "irflow-readiness-details", style: "color: #333;" },
      element("summary", {}, "What was checked"), checks));
}

/** The paths grouped by contract, in the order the API lists them (the registry's). */
function readinessSection(paths) {
  if (paths.length === 0) {
    return element("p", { class: "irflow-readiness-none text-muted" },
      "No pause readiness check has run yet (or no contract is registered).");
  }
  const contracts = [];
  paths.forEach(path => {
    let contract = contracts.find(candidate => candidate.name === path.contract);
    if (!contract) {
      contract = { name: path.contract, chainId: path.chainId, paths: [] };
      contracts.push(contract);
    }
    contract.paths.push(path);
  });
  return element("div", { class: "irflow-readiness" }, ...contracts.map(contract =>
    element("div", { class: "irflow-readiness-contract", "data-contract": contract.name },
      element("h4", {}, contract.name + " (chain " + contract.chainId + ")"),
      element("ul", { class: "list-unstyled" }, ...contract.paths.map(pathLine)))));
}

/** What one hour's cell says when hovered: the gap it falls in, in words, or the count against the threshold. */
function hourTitle(safe, start, reachable) {
  const gap = (safe.gaps || []).find(candidate => new Date(candidate.from).getTime() <= start
    && start < new Date(candidate.to).getTime());
  if (gap) {
    return gap.text;
  }
  return utcHour(start) + ": " + reachable + " of " + safe.owners.length + " owners reachable, threshold "
    + safe.threshold;
}

const LEGEND = [["irflow-hour-ok", "#43a047", "enough owners reachable"],
  ["irflow-hour-below", "#e53935", "below the threshold"], ["irflow-hour-outside", "#eeeeee", "outside the 7 days"]];

function cell(cssClass, attributes) {
  const colour = LEGEND.find(([name]) => name === cssClass)[1];
  return element("span", Object.assign({
    class: "irflow-hour " + cssClass,
    style: "display: inline-block; width: 14px; height: 14px; margin: 0 1px 1px 0; background: " + colour + ";"
  }, attributes || {}));
}

/**
 * One Safe's coverage as a strip: a row per UTC day, a cell per hour, green where enough owners are
 * reachable, red below the threshold (the cell's title says the gap in words), grey outside the window.
 */
function coverageStrip(safe, from, hours) {
  const first = new Date(from).getTime();
  const dayStart = instant => instant - (instant % (24 * HOUR));
  const rows = [];
  for (let day = dayStart(first); day < first + hours * HOUR; day += 24 * HOUR) {
    const cells = [];
    for (let hour = 0; hour < 24; hour++) {
      const start = day + hour * HOUR;
      const index = Math.round((start - first) / HOUR);
      if (index < 0 || index >= hours) {
        cells.push(cell("irflow-hour-outside"));
        continue;
      }
      const reachable = safe.reachableOwnersByHour[index];
      cells.push(cell(reachable >= safe.threshold ? "irflow-hour-ok" : "irflow-hour-below", {
        "data-hour": new Date(start).toISOString(), "data-reachable": String(reachable),
        title: hourTitle(safe, start, reachable)
      }));
    }
    rows.push(element("div", { class: "irflow-coverage-day", style: "white-space: nowrap;" },
      element("span", { style: "display: inline-block; width: 90px;" }, UTC_DAY.format(day)), ...cells));
  }
  const hoursHeader = element("div", { style: "white-space: nowrap;" },
    element("span", { style: "display: inline-block; width: 90px;" }, "UTC"),
    ...Array.from({ length: 24 }, (_, hour) => element("span", {
      style: "display: inline-block; width: 15px; font-size: 9px;" }, hour % 6 === 0 ? String(hour).padStart(2, "0") : "")));
  return element("div", { class: "irflow-coverage-strip" }, hoursHeader, ...rows);
}

function coverageSection(coverage) {
  if (!coverage) {
    return element("p", { class: "irflow-coverage-unavailable text-muted" }, "Signer coverage: not available");
  }
  if (coverage.safes.length === 0) {
    return element("p", { class: "text-muted" }, "No registered contract is paused through a Safe.");
  }
  const legend = element("p", { class: "irflow-coverage-legend" }, ...LEGEND.flatMap(([name, , words]) =>
    [cell(name), " " + words + "   "]), element("span", { class: "text-muted" },
    "Hover over an hour for who is reachable. " + coverage.roster.charAt(0).toUpperCase() + coverage.roster.slice(1) + "."));
  return element("div", { class: "irflow-coverage" }, legend, ...coverage.safes.map(safe =>
    element("div", { class: "irflow-coverage-safe", "data-safe": safe.safe, "data-chain-id": String(safe.chainId),
      style: "margin-bottom: 16px;" },
    element("h4", {}, "Safe " + safe.safe + " (chain " + safe.chainId + ")"
      + (safe.problem ? "" : ", threshold " + safe.threshold + " of " + safe.owners.length)
      + ", pauses " + safe.contracts.join(", ")),
    safe.problem ? element("p", { class: "irflow-coverage-problem alert alert-danger" }, safe.problem)
      : coverageStrip(safe, coverage.from, coverage.hours),
    element("ul", { class: "irflow-coverage-owners text-muted" }, ...safe.owners.map(owner => element("li", {},
      "owner " + owner.address + ": " + (owner.signers.length ? owner.signers.join(", ") : "no signer on record")))),
    safe.gaps.length && !safe.problem
      ? element("ul", { class: "irflow-coverage-gaps" }, ...safe.gaps.map(gap => element("li", {}, gap.text)))
      : null)));
}

function prestagedSection(pauses) {
  if (!pauses) {
    return element("p", { class: "text-muted" }, "Pre-staged pauses: not available");
  }
  if (pauses.length === 0) {
    return element("p", { class: "text-muted" }, "No pre-staged pause yet (built after each readiness check).");
  }
  return element("ul", { class: "list-unstyled irflow-prestaged-pauses" }, ...pauses.map(pause => {
    const state = pause.matchesChain === true ? "matches the chain now: a pause started now proposes it"
      : pause.matchesChain === false ? "does not match the chain: " + pause.drift.join("; ")
        : "unknown: " + (pause.refreshProblem || "the chain cannot be read");
    const colour = pause.matchesChain === true ? PATH_COLOURS.PASSED
      : pause.matchesChain === false ? PATH_COLOURS.FAILED : PATH_COLOURS.MANUAL;
    return element("li", { class: "irflow-prestaged", "data-safe": pause.safe, "data-chain-id": String(pause.chainId),
      "data-matches": String(pause.matchesChain), style: "margin-bottom: 6px;" },
    element("span", { style: "color: " + colour + ";" }, "● Safe " + pause.safe + " (chain " + pause.chainId + "): "
      + state),
    element("span", { class: "text-muted" }, " – pauses " + pause.contracts.map(contract => contract.name).join(", ")
      + "; nonce " + pause.nonce + ", " + pause.threshold + " of " + pause.owners.length + " owners; built "
      + formatTime(pause.builtAt) + (pause.buildReason ? " (" + pause.buildReason + ")" : "")));
  }));
}

async function orNull(promise) {
  try {
    return await promise;
  } catch (e) {
    return null;
  }
}

function latestCheck(paths) {
  return paths.reduce((latest, path) => Math.max(latest, new Date(path.checkedAt).getTime()), 0);
}

async function renderReadiness(node, page, mine) {
  const api = page.api;
  let paths;
  try {
    [page.caller, paths] = await Promise.all([getJson(IRFLOW_API + "/me", api),
      getJson(IRFLOW_API + "/pause-readiness", api)]);
  } catch (e) {
    if (mine === generation) {
      node.replaceChildren(element("div", { class: "irflow-error alert alert-danger" },
        "Could not read the pause readiness: " + e.message
          + (e.status === 401 || e.status === 403 ? " (not allowed for this user)" : "")));
    }
    return;
  }
  const [coverage, prestaged] = await Promise.all([orNull(getJson(IRFLOW_API + "/signers/coverage", api)),
    orNull(getJson(IRFLOW_API + "/prestaged-pauses", api))]);
  if (mine !== generation) {
    return;
  }
  page.latestCheck = latestCheck(paths);
  page.checkButton.style.display = page.caller.mayCheckPauseReadiness ? "" : "none";
  node.replaceChildren(
    element("h2", { class: "section-title" }, "Pause paths"),
    readinessSection(paths),
    element("h2", { class: "section-title" }, "Signer coverage, next 7 days"),
    coverageSection(coverage),
    element("h2", { class: "section-title" }, "Pre-staged pauses"),
    prestagedSection(prestaged));
}

/**
 * The check re-builds the pre-staged pauses right after the paths (a step of its own): waits up to
 * 15 s until each was refreshed by it, so that the page shows them as the check left them.
 */
async function prestagedPausesRefreshedSince(checked, api) {
  for (let waited = 0; waited < 15; waited++) {
    const pauses = await orNull(getJson(IRFLOW_API + "/prestaged-pauses", api));
    if (pauses === null || (pauses.length
      && pauses.every(pause => new Date(pause.refreshedAt || pause.builtAt).getTime() >= checked))) {
      return;
    }
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
}

/** Starts a check and waits (up to 2 minutes) until every path has a result newer than the last one. */
async function checkNow(page, body, message, mine) {
  message.className = "irflow-message alert alert-info";
  message.textContent = "Checking every pause path on the chain…";
  const before = page.latestCheck || 0;
  try {
    await postJson(IRFLOW_API + "/pause-readiness/check", page.api, {});
    for (let waited = 0; waited < 120; waited++) {
      await new Promise(resolve => setTimeout(resolve, 1000));
      if (mine !== generation) {
        return;
      }
      const paths = await getJson(IRFLOW_API + "/pause-readiness", page.api);
      if (paths.length && paths.every(path => new Date(path.checkedAt).getTime() > before)) {
        await prestagedPausesRefreshedSince(latestCheck(paths), page.api);
        await renderReadiness(body, page, mine);
        const failed = paths.filter(path => path.status === "FAILED").length;
        message.className = "irflow-message alert " + (failed ? "alert-danger" : "alert-success");
        message.textContent = "Checked " + formatTime(paths[0].checkedAt) + ": " + (failed
          ? failed + " pause path(s) broken, see the red lines." : "every checked pause path works.");
        return;
      }
    }
    message.className = "irflow-message alert alert-warning";
    message.textContent = "The check has not finished after 2 minutes; reload the page later.";
  } catch (e) {
    message.className = "irflow-message alert alert-danger";
    message.textContent = "Refused: " + e.message;
  } finally {
    page.checkButton.disabled = false;
  }
}

export default [
  {
    id: "irflow-incidents-navigation",
    pluginPoint: "cockpit.navigation",
    priority: 9,
    render: (node) => {
      node.replaceChildren(element("a", { href: "#" + ROUTE, class: "irflow-incidents-nav" }, "Incidents"));
    },
    properties: {
      path: ROUTE
    }
  },
  {
    id: "irflow-pause-readiness-navigation",
    pluginPoint: "cockpit.navigation",
    priority: 8,
    render: (node) => {
      node.replaceChildren(element("a", { href: "#" + READINESS_ROUTE, class: "irflow-pause-readiness-nav" },
        "Pause readiness"));
    },
    properties: {
      path: READINESS_ROUTE
    }
  },
  {
    id: "irflow-pause-readiness-route",
    pluginPoint: "cockpit.route",
    priority: 0,
    render: (node, { api }) => {
      const mine = ++generation;
      const body = element("div", { class: "irflow-readiness-body" }, element("p", {}, "Loading pause readiness…"));
      const message = element("div", { class: "irflow-message", role: "status" });
      const checkButton = element("button", { type: "button", class: "btn btn-primary irflow-check-now",
        style: "display: none;" }, "Check now");
      const page = { api, caller: { mayCheckPauseReadiness: false }, checkButton };
      checkButton.addEventListener("click", () => {
        checkButton.disabled = true;
        checkNow(page, body, message, mine);
      });
      node.replaceChildren(element("section", { class: "irflow-readiness-page", style: "padding: 20px;" },
        element("h1", { class: "section-title" }, "Pause readiness"),
        element("p", { class: "text-muted" },
          "Whether irflow could pause each registered contract now, as the latest daily check found it on the"
            + " chain: green works, red is broken (the reason says what to fix), grey is paused by hand. Times are"
            + " your browser's; the coverage strip is in UTC. "), checkButton,
        message, body));
      renderReadiness(body, page, mine);
    },
    unmount: () => {
      generation++;
    },
    properties: {
      path: READINESS_ROUTE
    }
  },
  {
    id: "irflow-incidents-route",
    pluginPoint: "cockpit.route",
    priority: 0,
    render: (node, { api }) => {
      const mine = ++generation;
      const body = element("div", { class: "irflow-incidents-body" }, element("p", {}, "Loading incidents…"));
      const message = element("div", { class: "irflow-message", role: "status" });
      const page = { api, caller: { mayRegroup: false } };
      // a correction: the list read again, then its outcome (or the server's refusal) above the list
      page.act = async (request, describe) => {
        message.className = "irflow-message";
        message.textContent = "";
        let outcome;
        try {
          outcome = { text: describe(await request()), style: "alert-success" };
        } catch (e) {
          outcome = { text: "Refused: " + e.message, style: "alert-danger" };
        }
        if (mine !== generation) {
          return;
        }
        await renderIncidents(body, page, mine);
        message.className = "irflow-message alert " + outcome.style;
        message.textContent = outcome.text;
      };
      node.replaceChildren(element("section", { class: "irflow-incidents-page", style: "padding: 20px;" },
        element("h1", { class: "section-title" }, "Open incidents"),
        element("p", { class: "text-muted" },
          "Declared security incidents with their stage, supervisor and next task deadline. An incident's id opens"
            + " its page. ", element("a", { class: "irflow-search-link", href: INCIDENT_PAGE },
            "Find any incident, closed ones included")),
        message, body));
      renderIncidents(body, page, mine);
    },
    unmount: () => {
      generation++;
    },
    properties: {
      path: ROUTE
    }
  }
];
