// Shared by the page's scripts: builds elements with text as textContent, never as HTML.
"use strict";

window.mhswDom = Object.freeze({
  /** A new element: `props.class`, `props.text`, other props as attributes (true: present); children in order. */
  el(tag, props = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else node.setAttribute(key, value === true ? "" : value);
    }
    node.append(...children.filter((child) => child !== null && child !== undefined));
    return node;
  },
});
