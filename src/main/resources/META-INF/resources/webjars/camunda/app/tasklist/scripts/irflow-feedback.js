/*
 * irflow: what a person is told right after a step in Tasklist. Tasklist says only "The process has
 * been started" after a start form, and nothing after a task form; irflow knows more (the event's
 * number, the incident's id, who has it now, what comes next). This module watches Tasklist's own
 * form submissions (its engine client sends them with XMLHttpRequest), asks irflow's API what became
 * of the step, and shows the answer in a notice with the incident page's link.
 */
const START = /\/process-definition\/[^/]+\/submit-form$/;
const TASK = /\/task\/([^/]+)\/submit-form$/;
const SHOWN_FOR_MS = 30000;

function watchSubmissions() {
  const open = XMLHttpRequest.prototype.open;
  const send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    this.irflowRequest = { method: String(method).toUpperCase(), url: String(url).split("?")[0] };
    return open.call(this, method, url, ...rest);
  };
  XMLHttpRequest.prototype.send = function (body) {
    const request = this.irflowRequest;
    if (request && request.method === "POST" && (START.test(request.url) || TASK.test(request.url))) {
      this.addEventListener("load", () => submitted(request.url, this));
    }
    return send.call(this, body);
  };
}

function submitted(url, xhr) {
  if (xhr.status < 200 || xhr.status >= 300) {
    return;
  }
  const task = TASK.exec(url);
  if (task) {
    ask("/api/feedback/completed-task/" + encodeURIComponent(task[1]));
    return;
  }
  try {
    const started = JSON.parse(xhr.responseText);
    if (started && started.id) {
      ask("/api/feedback/started/" + encodeURIComponent(started.id));
    }
  } catch (e) {
    // not a process instance: nothing to add
  }
}

async function ask(path) {
  const response = await fetch(path, { credentials: "same-origin", headers: { Accept: "application/json" } })
    .catch(() => null);
  if (!response || response.status !== 200) {
    return;
  }
  show(await response.json());
}

function show(feedback) {
  document.querySelectorAll(".irflow-feedback").forEach((old) => old.remove());
  const notice = document.createElement("div");
  notice.className = "irflow-feedback";
  notice.setAttribute("role", "status");
  const message = document.createElement("p");
  message.className = "irflow-feedback-message";
  message.textContent = feedback.message;
  notice.appendChild(message);
  if (feedback.link) {
    const link = document.createElement("a");
    link.className = "irflow-feedback-link";
    link.href = feedback.link;
    link.target = "_blank";
    link.rel = "noopener";
    link.textContent = "Open the incident page of " + feedback.incidentId;
    notice.appendChild(link);
  }
  const close = document.createElement("button");
  close.type = "button";
  close.className = "irflow-feedback-close";
  close.setAttribute("aria-label", "Close");
  close.textContent = "×";
  close.addEventListener("click", () => notice.remove());
  notice.appendChild(close);
  document.body.appendChild(notice);
  setTimeout(() => notice.remove(), SHOWN_FOR_MS);
}

watchSubmissions();

// Tasklist reads a module's default export as plugins: this one adds none
export default [];
