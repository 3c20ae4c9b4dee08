// The recruiter page: sends the advert to the API and shows the analysis. Plain JavaScript, no build step.
// Every piece of text from the advert or the server is inserted with textContent, never as HTML.
"use strict";

(() => {
  const MAX_TEXT_CHARS = 100000;
  const MAX_FILE_BYTES = 5 * 1024 * 1024;
  const PAGE_TITLE = document.title;

  const $ = (id) => document.getElementById(id);
  const form = $("advert-form");
  const fields = { title: $("title"), text: $("text"), file: $("file"), "api-key": $("api-key") };
  const summary = $("error-summary");
  const status = $("status");
  const results = $("results");
  let busy = false;

  const CATEGORY = {
    trainee: "Trainee (training towards a registered role)",
    further_education: "Further education (a qualification is part of the post)",
    defined_boundary: "Defined boundary (non-registered practice)",
    registered_professional: "Registered professional",
    out_of_scope: "Outside the mental health support workforce",
  };
  const BAND_SOURCE = { stated: "stated in the advert", salary: "implied by the salary", predicted: "predicted from the duties" };
  const TITLE_SOURCE = {
    given: "given",
    field: "a 'Job title' field",
    heading: "the document heading",
    guessed: "guessed from the first lines",
  };
  const REQUIREMENT = { essential: "Essential", desirable: "Desirable", offered: "Offered", route: "Route (not asked for)", unspecified: "Not said" };
  const NOT_ASKED = new Set(["offered", "route"]);  // offered by the employer or named as a progression route
  const SEVERITY = {
    error: ["Must fix", "nhsuk-tag--red"],
    warning: ["Should fix", "nhsuk-tag--orange"],
    advisory: ["Consider", "nhsuk-tag--yellow"],
    info: ["Note", "nhsuk-tag--grey"],
  };
  const KINDS = {
    qualification: ["Qualification", "solid underline"],
    skill: ["Skill", "dotted underline"],
    pathway: ["Career-pathway signal", "dashed underline"],
    issue: ["Wording to fix", "double underline"],
  };

  /** A new element: `props.class`, `props.text`, other props as attributes; children appended in order. */
  function el(tag, props = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else node.setAttribute(key, value);
    }
    for (const child of children) if (child !== null && child !== undefined) node.append(child);
    return node;
  }

  const percent = (value) => `${Math.round(value * 100)}%`;
  const bandName = (band) => (band ? `Band ${band}` : "None found");
  const humanise = (id) => id.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());

  // ---- Errors -------------------------------------------------------------------------------------------

  function clearErrors() {
    summary.hidden = true;
    $("error-list").replaceChildren();
    for (const [name, input] of Object.entries(fields)) {
      const group = $(`${name}-group`);
      group.classList.remove("nhsuk-form-group--error");
      input.classList.remove("nhsuk-input--error", "nhsuk-textarea--error", "nhsuk-file-upload__input--error");
      const message = $(`${name}-error`);
      if (message) message.remove();
      input.setAttribute("aria-describedby", `${name}-hint`);
    }
    document.title = PAGE_TITLE;
  }

  /** Show `errors` ([{field, message}]) in the error summary and beside their fields, then focus the summary. */
  function showErrors(errors) {
    clearErrors();
    for (const { field, message } of errors) {
      const item = field ? el("a", { href: `#${field}`, text: message }) : document.createTextNode(message);
      $("error-list").append(el("li", {}, item));
      if (!field) continue;
      const input = fields[field];
      const group = $(`${field}-group`);
      group.hidden = false;
      group.classList.add("nhsuk-form-group--error");
      const errorClass = { text: "nhsuk-textarea--error", file: "nhsuk-file-upload__input--error" }[field] || "nhsuk-input--error";
      input.classList.add(errorClass);
      const errorId = `${field}-error`;
      const line = el("span", { class: "nhsuk-error-message", id: errorId },
        el("span", { class: "nhsuk-u-visually-hidden", text: "Error: " }), message);
      input.before(line);
      input.setAttribute("aria-describedby", `${field}-hint ${errorId}`);
    }
    document.title = `Error: ${PAGE_TITLE}`;
    status.textContent = "";
    summary.hidden = false;
    summary.focus();
  }

  // An error summary link moves focus to its field and shows the field's label.
  $("error-list").addEventListener("click", (event) => {
    const link = event.target.closest("a");
    if (!link) return;
    const input = fields[link.getAttribute("href").slice(1)];
    if (!input) return;
    event.preventDefault();
    input.focus();
    const label = document.querySelector(`label[for="${input.id}"]`);
    (label || input).scrollIntoView();
  });

  function checkForm(text, file) {
    if (file) {
      return file.size > MAX_FILE_BYTES ? [{ field: "file", message: "The file must be smaller than 5 MB" }] : [];
    }
    if (!text.trim()) return [{ field: "text", message: "Enter the advert text, or choose a file to upload" }];
    if (Array.from(text).length > MAX_TEXT_CHARS) {
      return [{ field: "text", message: "The advert text must be 100,000 characters or fewer" }];
    }
    return [];
  }

  /** What to tell the user about an unsuccessful answer, and which field it concerns. */
  function errorsFrom(response, body, field) {
    const detail = body && typeof body.detail === "string" ? body.detail : null;
    switch (response.status) {
      case 401:
        return [{ field: "api-key", message: "Enter a valid API key for this service" }];
      case 413:
        return [{ field, message: field === "file" ? "The file must be smaller than 5 MB" : "The advert is too long to send" }];
      case 415:
        return [{ field, message: detail || "This type of file cannot be read. Use a text, HTML, Word (.docx) or PDF file" }];
      case 422: {
        const problems = body && Array.isArray(body.detail) ? body.detail : [];
        return problems.slice(0, 5).map((problem) => {
          const name = problem.loc && fields[problem.loc[1]] ? problem.loc[1] : field;
          if (problem.type === "string_too_long" && name === "text") {
            return { field: name, message: "The advert text must be 100,000 characters or fewer" };
          }
          if (problem.type === "string_pattern_mismatch" || problem.type === "missing") {
            return { field: name, message: "Enter the advert text, or choose a file to upload" };
          }
          return { field: name, message: problem.msg };
        });
      }
      case 429: {
        const wait = response.headers.get("Retry-After") || "a few";
        return [{ field: null, message: `You have checked a lot of files in a short time. Try again in ${wait} seconds` }];
      }
      case 503:
        return [{ field: null, message: "The service is starting up. Try again in a few seconds" }];
      default:
        return [{ field: null, message: "Something went wrong. Try again later" }];
    }
  }

  // ---- The advert with highlights -------------------------------------------------------------------------

  /** Marks for every span; offsets count Unicode code points, as the server's do. */
  function annotations(analysis) {
    const marks = [];
    const add = (span, kind, label, anchor) => {
      if (span && span.end > span.start) marks.push({ start: span.start, end: span.end, kind, label, anchor });
    };
    for (const q of analysis.qualifications) add(q.span, "qualification", `${q.label} (${REQUIREMENT[q.requirement].toLowerCase()})`);
    for (const s of analysis.skills) add(s.span, "skill", `${s.label} (${REQUIREMENT[s.requirement].toLowerCase()})`);
    for (const p of analysis.career_pathway.signals) add(p.span, "pathway", humanise(p.kind));
    analysis.wording.issues.forEach((issue, index) => add(issue.span, "issue", issue.message, `issue-${index}`));
    return marks;
  }

  /**
   * The advert as text nodes and <mark>s. Overlapping spans are cut at every boundary, so each piece of
   * text sits in at most one <mark> carrying the classes of every span that covers it: never nested or
   * crossing tags. Screen readers hear what each highlight is at its end.
   */
  function highlighted(text, marks) {
    const chars = Array.from(text);
    const n = chars.length;
    const cuts = new Set([0, n]);
    for (const mark of marks) {
      mark.start = Math.min(mark.start, n);
      mark.end = Math.min(mark.end, n);
      cuts.add(mark.start);
      cuts.add(mark.end);
    }
    const points = [...cuts].sort((a, b) => a - b);
    const container = el("div", { class: "mhsw-advert", id: "advert-text" });
    const anchored = new Set();
    for (let i = 0; i + 1 < points.length; i += 1) {
      const [from, to] = [points[i], points[i + 1]];
      const piece = chars.slice(from, to).join("");
      const covering = marks.filter((mark) => mark.start <= from && mark.end >= to);
      if (!covering.length) {
        container.append(piece);
        continue;
      }
      const kinds = [...new Set(covering.map((mark) => mark.kind))];
      const node = el("mark", {
        class: ["mhsw-mark", ...kinds.map((kind) => `mhsw-mark--${kind}`)].join(" "),
        title: covering.map((mark) => `${KINDS[mark.kind][0]}: ${mark.label}`).join("\n"),
        text: piece,
      });
      const anchor = covering.find((mark) => mark.anchor && mark.start === from && !anchored.has(mark.anchor));
      if (anchor) {
        node.id = anchor.anchor;
        node.tabIndex = -1;
        anchored.add(anchor.anchor);
      }
      container.append(node);
      const ending = covering.filter((mark) => mark.end === to);
      if (ending.length) {
        const said = ending.map((mark) => `${KINDS[mark.kind][0].toLowerCase()}: ${mark.label}`).join("; ");
        container.append(el("span", { class: "nhsuk-u-visually-hidden", text: ` [${said}]` }));
      }
    }
    return container;
  }

  function legend(marks) {
    const count = (kind) => marks.filter((mark) => mark.kind === kind).length;
    return el("ul", { class: "mhsw-legend", "aria-label": "Key to the highlights" },
      ...Object.entries(KINDS).map(([kind, [name, style]]) =>
        el("li", {}, el("span", { class: `mhsw-swatch mhsw-swatch--${kind}`, "aria-hidden": "true" }),
          `${name} (${style}): ${count(kind)}`)));
  }

  // ---- Results ----------------------------------------------------------------------------------------------

  function summaryRow(key, ...value) {
    return el("div", { class: "nhsuk-summary-list__row" },
      el("dt", { class: "nhsuk-summary-list__key", text: key }),
      el("dd", { class: "nhsuk-summary-list__value" }, ...value));
  }

  function overview(analysis) {
    const { role, category, band } = analysis;
    const likely = role.alternatives.filter((alt) => alt.score >= 0.01);
    const alternatives = likely.length
      ? el("ul", { class: "nhsuk-list nhsuk-u-margin-bottom-0" },
        ...likely.map((alt) => el("li", { text: `${alt.label} (${percent(alt.score)})` })))
      : "None likely";
    const roleValue = [el("strong", { text: role.label }), ` (confidence ${percent(role.confidence)})`];
    if (role.needs_review) {
      roleValue.push(" ", el("strong", { class: "nhsuk-tag nhsuk-tag--yellow", text: "Check this" }));
    }
    const bandValue = band.value ? `${bandName(band.value)}, ${BAND_SOURCE[band.source]}` : "Not found";
    const occupation = role.nhs_occupation
      ? [el("strong", { id: "occupation-code", text: role.nhs_occupation.code }), ` ${role.nhs_occupation.name}`,
        el("br"), el("span", { id: "occupation-setting", text: `Care setting: ${role.nhs_occupation.care_setting}; staff group: ${role.nhs_occupation.staff_group} (confidence ${percent(role.nhs_occupation.confidence)})` })]
      : [el("span", { id: "occupation-code", text: `None: ${role.nhs_occupation_note || "no code fits this role"}` })];
    const titleUsed = analysis.title
      ? [el("span", { id: "title-used", text: analysis.title }), el("span", { id: "title-source", text: ` (from: ${TITLE_SOURCE[analysis.title_source] || "given"})` })]
      : [el("span", { id: "title-used", text: "None found in the advert" })];
    return el("dl", { class: "nhsuk-summary-list", id: "overview" },
      summaryRow("Title used", ...titleUsed),
      summaryRow("Role", ...roleValue),
      summaryRow("NHS occupation code", ...occupation),
      summaryRow("Other possible roles", alternatives),
      summaryRow("Category", CATEGORY[category.id] || humanise(category.id)),
      summaryRow("Agenda for Change band", el("span", { id: "band-value", text: bandValue })));
  }

  function bandSection(band) {
    const predicted = band.predicted
      ? `${bandName(band.predicted)}${band.predicted_range.length > 1 ? ` (likely ${band.predicted_range.join(" to ")})` : ""}`
      : "No prediction";
    const salary = band.from_salary ? bandName(band.from_salary) : (band.salary ? "Not an Agenda for Change rate" : "No salary found");
    const table = el("table", { class: "nhsuk-table" },
      el("caption", { class: "nhsuk-table__caption", text: "How the band compares" }),
      el("thead", { class: "nhsuk-table__head" }, el("tr", {},
        el("th", { scope: "col", class: "nhsuk-table__header", text: "Source" }),
        el("th", { scope: "col", class: "nhsuk-table__header", text: "Band" }))),
      el("tbody", { class: "nhsuk-table__body" },
        ...[["Stated in the advert", band.stated ? bandName(band.stated) : "Not stated"],
          ["Implied by the salary", salary],
          ["Predicted from the duties", predicted]].map(([source, value]) =>
          el("tr", { class: "nhsuk-table__row" },
            el("th", { scope: "row", class: "nhsuk-table__header", text: source }),
            el("td", { class: "nhsuk-table__cell", text: value })))));
    const section = el("section", { "aria-labelledby": "band-title" }, el("h3", { id: "band-title", text: "Pay band" }), table);
    if (band.notes.length) {
      section.append(el("div", { class: "nhsuk-inset-text" },
        el("span", { class: "nhsuk-u-visually-hidden", text: "Information: " }),
        el("ul", { class: "nhsuk-list nhsuk-list--bullet" }, ...band.notes.map((note) => el("li", { text: note.message })))));
    }
    return section;
  }

  function fixesSection(analysis) {
    const order = ["error", "warning", "advisory", "info"];
    const issues = analysis.wording.issues
      .map((issue, index) => ({ ...issue, index }))
      .sort((a, b) => order.indexOf(a.severity) - order.indexOf(b.severity));
    const items = issues.map((issue) => {
      const [tag, tagClass] = SEVERITY[issue.severity];
      const item = el("li", {}, el("strong", { class: `nhsuk-tag ${tagClass}`, text: tag }), " ", issue.message);
      if (issue.suggestion) item.append(el("p", { class: "nhsuk-u-margin-bottom-1", text: `Suggestion: ${issue.suggestion}` }));
      if (issue.span) item.append(el("a", { href: `#issue-${issue.index}`, class: "mhsw-show", text: "Show in the advert" }));
      return item;
    });
    const pathway = analysis.career_pathway;
    if (pathway.flag) {
      items.unshift(el("li", {}, el("strong", { class: "nhsuk-tag nhsuk-tag--orange", text: "Should fix" }), " ",
        pathway.explanation || "The advert does not describe a career pathway."));
    }
    const section = el("section", { "aria-labelledby": "fixes-title" }, el("h3", { id: "fixes-title", text: "Suggested fixes" }));
    section.append(items.length
      ? el("ol", { class: "nhsuk-list nhsuk-list--number mhsw-fixes", id: "fixes" }, ...items)
      : el("p", { id: "fixes", text: "No wording problems found." }));
    return section;
  }

  function listTable(caption, rows, headers) {
    if (!rows.length) return el("p", { text: `No ${caption.toLowerCase()} found.` });
    return el("table", { class: "nhsuk-table" },
      el("caption", { class: "nhsuk-table__caption nhsuk-table__caption--s", text: caption }),
      el("thead", { class: "nhsuk-table__head" }, el("tr", {},
        ...headers.map((header) => el("th", { scope: "col", class: "nhsuk-table__header", text: header })))),
      el("tbody", { class: "nhsuk-table__body" }, ...rows.map((row) =>
        el("tr", { class: "nhsuk-table__row" }, ...row.map((cell) => el("td", { class: "nhsuk-table__cell", text: cell }))))));
  }

  function detailsSection(analysis) {
    const pathway = analysis.career_pathway;
    const readability = analysis.wording.readability;
    const section = el("section", { "aria-labelledby": "found-title" }, el("h3", { id: "found-title", text: "What the advert asks for and offers" }));
    section.append(
      listTable("Qualifications", analysis.qualifications.filter((q) => !NOT_ASKED.has(q.requirement)).map((q) => [q.label, REQUIREMENT[q.requirement]]), ["Qualification", "Requirement"]),
      ...(analysis.qualifications.some((q) => NOT_ASKED.has(q.requirement)) ? [listTable("Offered, or named as a route onwards (not asked for)",
        analysis.qualifications.filter((q) => NOT_ASKED.has(q.requirement)).map((q) => [q.label, REQUIREMENT[q.requirement]]), ["Qualification", "How it is mentioned"])] : []),
      listTable("Skills", analysis.skills.map((s) => [s.label, REQUIREMENT[s.requirement]]), ["Skill", "Requirement"]),
      el("h4", { text: "Career pathway" }),
      el("p", { text: pathway.present ? "The advert describes a way to progress." : "The advert does not say how the post-holder could progress." }));
    if (pathway.known_routes.length) {
      section.append(el("p", { text: "Usual next steps for this role:" }),
        el("ul", { class: "nhsuk-list nhsuk-list--bullet" }, ...pathway.known_routes.map((route) => el("li", { text: humanise(route) }))));
    }
    const reading = readability.reading_age ? `reading age about ${Math.round(readability.reading_age)}` : "too short to measure";
    section.append(el("h4", { text: "Readability and tone" }),
      el("p", { text: `${readability.words} words, ${reading} (${humanise(readability.verdict)}). Gender coding: ${analysis.wording.gender_coding.verdict}.` }));
    return section;
  }

  /** When the title was guessed or not found, a field pre-filled with it and a button to re-analyse. */
  function titleCorrection(analysis) {
    if (analysis.title && analysis.title_source !== "guessed") return null;
    const hint = analysis.title
      ? "The advert did not say which line is its job title, so this was guessed. The title decides the role: correct it if it is wrong."
      : "No job title was found in the advert. The title decides the role: add it and analyse again.";
    const input = el("input", {
      class: "nhsuk-input", id: "title-correction", name: "title-correction", type: "text", maxlength: "300",
      autocomplete: "off", "aria-describedby": "title-correction-hint",
    });
    input.value = analysis.title || "";
    return el("div", { class: "nhsuk-inset-text", id: "title-check" },
      el("div", { class: "nhsuk-form-group nhsuk-u-margin-bottom-2" },
        el("label", { class: "nhsuk-label", for: "title-correction", text: analysis.title ? "Check the job title" : "Add the job title" }),
        el("div", { class: "nhsuk-hint", id: "title-correction-hint", text: hint }),
        input),
      el("button", { class: "nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0", type: "button", id: "reanalyse", text: "Re-analyse with this title" }));
  }

  function render(analysis, text) {
    const marks = annotations(analysis);
    const advert = el("section", { "aria-labelledby": "advert-title" },
      el("h3", { id: "advert-title", text: "The advert, highlighted" }),
      el("p", { text: "Each kind of highlight has its own colour and underline. Where highlights overlap, the text carries each of them; hover over a highlight to see what it is." }),
      legend(marks),
      highlighted(text, marks));
    $("results-body").replaceChildren(...[overview(analysis), titleCorrection(analysis)].filter(Boolean), fixesSection(analysis), bandSection(analysis.band), advert, detailsSection(analysis));
    results.hidden = false;
    // corrections.js listens for this and adds "Correct this" under the results
    document.dispatchEvent(new CustomEvent("mhsw:analysed", { detail: { analysis, text, title: fields.title.value.trim() || null } }));
    const fixes = analysis.wording.issues.length + (analysis.career_pathway.flag ? 1 : 0);
    status.textContent = `Analysis complete. ${analysis.role.label}, ${analysis.band.value ? bandName(analysis.band.value) : "no band found"}. ${fixes} suggested fixes.`;
    $("results-title").focus();
  }

  // "Show in the advert" moves focus to the highlight, so keyboard users land on it too.
  results.addEventListener("click", (event) => {
    const link = event.target.closest("a.mhsw-show");
    if (!link) return;
    const target = $(link.getAttribute("href").slice(1));
    if (!target) return;
    event.preventDefault();
    target.scrollIntoView({ block: "center" });
    target.focus({ preventScroll: true });
  });

  // ---- Sending ----------------------------------------------------------------------------------------------

  function request(title, text, file) {
    const headers = {};
    const key = fields["api-key"].value.trim();
    if (key) headers.Authorization = `Bearer ${key}`;
    if (file) {
      const body = new FormData();
      body.append("file", file);
      if (title) body.append("title", title);
      return fetch("/v1/analyse/file", { method: "POST", headers, body });
    }
    headers["Content-Type"] = "application/json";
    return fetch("/v1/analyse", { method: "POST", headers, body: JSON.stringify({ title: title || null, text }) });
  }

  /** Analyse what the form holds (the title field as it is now) and show the result. */
  async function analyseForm() {
    if (busy) return;
    const title = fields.title.value.trim();
    const text = fields.text.value;
    const file = fields.file.files[0] || null;
    const problems = checkForm(text, file);
    if (problems.length) {
      showErrors(problems);
      return;
    }
    busy = true;
    clearErrors();
    status.textContent = "Analysing the advert…";
    try {
      const response = await request(title, text, file);
      const body = await response.json().catch(() => null);
      if (!response.ok || !body) {
        showErrors(errorsFrom(response, body, file ? "file" : "text"));
      } else {
        render(file ? body.analysis : body, file ? body.text : text);
      }
    } catch {
      showErrors([{ field: null, message: "The service could not be reached. Check your connection and try again" }]);
    } finally {
      busy = false;
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    analyseForm();
  });

  // "Re-analyse with this title": the corrected title goes into the form's title field, so the form and
  // the result agree, and the same advert (pasted text or chosen file) is analysed again.
  results.addEventListener("click", (event) => {
    if (!event.target.closest("#reanalyse")) return;
    fields.title.value = $("title-correction").value.trim();
    analyseForm();
  });
  results.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && event.target.id === "title-correction") {
      event.preventDefault();
      $("reanalyse").click();
    }
  });
})();
