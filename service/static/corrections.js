// "Correct this": after an analysis is shown, a reviewer can send corrections (role, category, band,
// wording issues to dismiss with a reason, qualifications and skills to add or remove). Sending stores the
// analysis first (POST /v1/analyses), then the correction. Plain JavaScript, no build step; every piece
// of text from the server goes in with textContent, never as HTML.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  let vocabulary = null;

  const { el } = window.mhswDom;

  function headers(json) {
    const result = json ? { "Content-Type": "application/json" } : {};
    const key = ($("api-key") && $("api-key").value.trim()) || "";
    if (key) result.Authorization = `Bearer ${key}`;
    return result;
  }

  async function loadVocabulary() {
    if (vocabulary) return vocabulary;
    const response = await fetch("/v1/corrections/vocabulary", { headers: headers(false) });
    if (!response.ok) throw new Error(`vocabulary ${response.status}`);
    vocabulary = await response.json();
    return vocabulary;
  }

  function group(id, label, hint, control) {
    return el("div", { class: "nhsuk-form-group", id: `${id}-group` },
      el("label", { class: "nhsuk-label", for: id, text: label }),
      hint ? el("div", { class: "nhsuk-hint", id: `${id}-hint`, text: hint }) : null,
      control);
  }

  function select(id, keepText, options, describedBy) {
    const node = el("select", { class: "nhsuk-select", id, name: id, "aria-describedby": describedBy || null },
      el("option", { value: "", text: keepText }));
    for (const [value, text] of options) node.append(el("option", { value, text }));
    return node;
  }

  /** The role list with a search box above it that narrows the options as you type. */
  function roleChooser(analysis, roles) {
    const list = select("fix-role", `Keep: ${analysis.role.label}`, roles.map((r) => [r.id, r.label]), "fix-role-hint");
    const search = el("input", {
      class: "nhsuk-input nhsuk-u-width-two-thirds", id: "fix-role-search", type: "search", autocomplete: "off",
      "aria-controls": "fix-role", "aria-describedby": "fix-role-search-hint",
    });
    const count = el("p", { class: "nhsuk-u-visually-hidden", id: "fix-role-count", role: "status", "aria-live": "polite" });
    search.addEventListener("input", () => {
      const words = search.value.trim().toLowerCase();
      let shown = 0;
      for (const option of list.options) {
        const match = !option.value || option.textContent.toLowerCase().includes(words) || option.value.includes(words);
        option.hidden = !match;
        if (match && option.value) shown += 1;
      }
      count.textContent = `${shown} roles match`;
    });
    return el("div", {},
      group("fix-role-search", "Search the roles", "Type part of a role name to narrow the list below", search),
      count,
      group("fix-role", "Correct role", "Choose the role this advert is really for", list));
  }

  function wordingFieldset(analysis) {
    const issues = analysis.wording.issues;
    if (!issues.length) return null;
    const items = issues.map((issue, index) => {
      const box = el("input", { class: "nhsuk-checkboxes__input", id: `fix-dismiss-${index}`, type: "checkbox", value: issue.code, "aria-controls": `fix-reason-${index}-group` });
      const reason = el("input", { class: "nhsuk-input", id: `fix-reason-${index}`, type: "text", maxlength: "500", autocomplete: "off" });
      const reasonGroup = group(`fix-reason-${index}`, "Why it does not apply here", null, reason);
      reasonGroup.hidden = true;
      box.addEventListener("change", () => { reasonGroup.hidden = !box.checked; });
      return el("div", { class: "nhsuk-checkboxes__item" },
        box, el("label", { class: "nhsuk-label nhsuk-checkboxes__label", for: `fix-dismiss-${index}`, text: `Dismiss: ${issue.message}` }),
        reasonGroup);
    });
    return el("fieldset", { class: "nhsuk-fieldset nhsuk-form-group" },
      el("legend", { class: "nhsuk-fieldset__legend nhsuk-fieldset__legend--s", text: "Wording issues that do not apply" }),
      el("div", { class: "nhsuk-checkboxes" }, ...items));
  }

  function mentionsFieldset(kind, found, choices) {
    const label = kind === "qualifications" ? "qualification" : "skill";
    const present = new Set(found.map((item) => item.id));
    const boxes = [...new Map(found.map((item) => [item.id, item])).values()].map((item) =>
      el("div", { class: "nhsuk-checkboxes__item" },
        el("input", { class: "nhsuk-checkboxes__input", id: `fix-remove-${kind}-${item.id}`, type: "checkbox", value: item.id, "data-remove": kind }),
        el("label", { class: "nhsuk-label nhsuk-checkboxes__label", for: `fix-remove-${kind}-${item.id}`, text: `Remove: ${item.label}` })));
    const add = select(`fix-add-${kind}`, `No ${label} to add`, choices.filter((c) => !present.has(c.id)).map((c) => [c.id, c.label]));
    return el("fieldset", { class: "nhsuk-fieldset nhsuk-form-group" },
      el("legend", { class: "nhsuk-fieldset__legend nhsuk-fieldset__legend--s", text: kind === "qualifications" ? "Qualifications" : "Skills" }),
      boxes.length ? el("div", { class: "nhsuk-checkboxes" }, ...boxes) : el("p", { text: `No ${kind} were found.` }),
      group(`fix-add-${kind}`, `Add a ${label} the advert asks for`, null, add));
  }

  function panel(analysis, vocab) {
    const categories = vocab.categories.map((c) => [c, c.replace(/_/g, " ")]);
    const bands = vocab.bands.map((b) => [b, `Band ${b}`]);
    const form = el("form", { id: "correction-form", novalidate: true },
      el("div", { class: "nhsuk-error-summary", id: "fix-errors", tabindex: "-1", hidden: true },
        el("div", { role: "alert" },
          el("h4", { class: "nhsuk-error-summary__title", text: "The correction was not saved" }),
          el("ul", { class: "nhsuk-list nhsuk-error-summary__list", id: "fix-error-list" }))),
      roleChooser(analysis, vocab.roles),
      group("fix-category", "Correct category", null, select("fix-category", `Keep: ${analysis.category.id.replace(/_/g, " ")}`, categories)),
      group("fix-band", "Correct band", null, select("fix-band", analysis.band.value ? `Keep: Band ${analysis.band.value}` : "Keep: no band", bands)),
      wordingFieldset(analysis),
      mentionsFieldset("qualifications", analysis.qualifications, vocab.qualifications),
      mentionsFieldset("skills", analysis.skills, vocab.skills),
      group("fix-note", "Note (optional)", null, el("textarea", { class: "nhsuk-textarea", id: "fix-note", rows: "3", maxlength: "2000" })),
      el("p", { class: "nhsuk-body-s", text: "Sending a correction stores this analysis with your correction, so it can be reviewed and used to improve the model. The advert text is kept only if this service is set to keep it." }),
      el("button", { class: "nhsuk-button", type: "submit", id: "fix-send", text: "Send correction" }));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      send(form, analysis);
    });
    return el("details", { class: "nhsuk-details", id: "correct-this" },
      el("summary", { class: "nhsuk-details__summary" }, el("span", { class: "nhsuk-details__summary-text", text: "Correct this" })),
      el("div", { class: "nhsuk-details__text" }, form));
  }

  function collect(form) {
    const body = {};
    const value = (id) => ($(id) ? $(id).value : "");
    if (value("fix-role")) body.role_id = value("fix-role");
    if (value("fix-category")) body.category = value("fix-category");
    if (value("fix-band")) body.band = value("fix-band");
    const dismiss = [];
    form.querySelectorAll("input[id^='fix-dismiss-']:checked").forEach((box) => {
      dismiss.push({ code: box.value, reason: value(box.id.replace("fix-dismiss-", "fix-reason-")).trim() });
    });
    if (dismiss.length) body.dismiss_wording = dismiss;
    for (const kind of ["qualifications", "skills"]) {
      const removed = [...form.querySelectorAll(`input[data-remove='${kind}']:checked`)].map((box) => box.value);
      if (removed.length) body[`${kind}_remove`] = removed;
      if (value(`fix-add-${kind}`)) body[`${kind}_add`] = [value(`fix-add-${kind}`)];
    }
    if (value("fix-note").trim()) body.note = value("fix-note").trim();
    return body;
  }

  const FIELD_IDS = { role_id: "fix-role", category: "fix-category", band: "fix-band", note: "fix-note" };

  function showProblems(messages) {
    const list = $("fix-error-list");
    list.replaceChildren(...messages.map(({ id, text }) =>
      el("li", {}, id ? el("a", { href: `#${id}`, text }) : el("span", { text }))));
    $("fix-errors").hidden = false;
    $("fix-errors").focus();
  }

  function problemsFrom(body) {
    const detail = body && Array.isArray(body.detail) ? body.detail : [];
    if (!detail.length) return [{ id: null, text: (body && body.detail) || "The service could not save the correction. Try again" }];
    return detail.map((item) => {
      const loc = item.loc || [];
      let id = FIELD_IDS[loc[1]] || null;
      if (loc[1] === "dismiss_wording" && Number.isInteger(loc[2])) id = `fix-reason-${loc[2]}`;
      return { id, text: item.msg };
    });
  }

  async function send(form, analysis) {
    const button = $("fix-send");
    const body = collect(form);
    const missing = (body.dismiss_wording || []).findIndex((item) => !item.reason);
    if (!Object.keys(body).some((key) => key !== "note")) {
      showProblems([{ id: "fix-role-search", text: "Change at least one thing before sending a correction" }]);
      return;
    }
    if (missing >= 0) {
      const index = form.querySelectorAll("input[id^='fix-dismiss-']:checked")[missing].id.replace("fix-dismiss-", "");
      showProblems([{ id: `fix-reason-${index}`, text: "Say why the wording issue does not apply" }]);
      return;
    }
    button.disabled = true;
    const status = $("fix-status");
    status.textContent = "Saving the correction…";
    try {
      const current = window.mhswLastAdvert;
      const stored = await fetch("/v1/analyses", { method: "POST", headers: headers(true), body: JSON.stringify({ title: current.title || null, text: current.text }) });
      const storedBody = await stored.json().catch(() => null);
      if (!stored.ok) {
        showProblems(problemsFrom(storedBody));
        status.textContent = "";
        return;
      }
      const fixed = await fetch(`/v1/analyses/${encodeURIComponent(storedBody.id)}/corrections`, { method: "POST", headers: headers(true), body: JSON.stringify(body) });
      const fixedBody = await fixed.json().catch(() => null);
      if (!fixed.ok) {
        showProblems(problemsFrom(fixedBody));
        status.textContent = "";
        return;
      }
      $("fix-errors").hidden = true;
      status.textContent = "Correction saved. Thank you.";
      const done = el("div", { class: "nhsuk-inset-text", id: "fix-done", tabindex: "-1" },
        el("p", { text: "Correction saved. Thank you. " }, el("a", { href: `/history#${storedBody.id}`, text: "See it in the history" })));
      form.replaceWith(done);
      done.focus();
    } catch {
      showProblems([{ id: null, text: "The service could not be reached. Check your connection and try again" }]);
      status.textContent = "";
    } finally {
      button.disabled = false;
    }
  }

  document.addEventListener("mhsw:analysed", async (event) => {
    const { analysis, text, title } = event.detail;
    window.mhswLastAdvert = { text, title: title || analysis.title || null };
    const body = $("results-body");
    const holder = el("section", { id: "correction", "aria-labelledby": "correction-title" },
      el("h3", { id: "correction-title", text: "Is something wrong?" }),
      el("p", { class: "nhsuk-u-visually-hidden", id: "fix-status", role: "status", "aria-live": "polite" }));
    body.append(holder);
    try {
      holder.append(panel(analysis, await loadVocabulary()));
    } catch {
      holder.append(el("p", { text: "Corrections are not available on this service." }));
    }
  });
})();
