// A host page's own module: it places a reader with the loader's exported mount(), on an
// element that carries no data-lianluo-* attributes, and records when mount() has resolved.
import { mount } from "../lianluo.js";

const element = document.getElementById("reader");
await mount(element, { src: "../data/index.json", routing: "none" });
document.documentElement.dataset.mounted = "yes";
