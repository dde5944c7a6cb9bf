// One colour per PLOVER type (shared by the map, the timeline and the event page).
const TYPE_COLORS = {
  AGREE: "#4e79a7", CONSULT: "#76b7b2", SUPPORT: "#59a14f", CONCEDE: "#8cd17d",
  COOPERATE: "#499894", AID: "#86bcb6", RETREAT: "#b6992d", REQUEST: "#f1ce63",
  ACCUSE: "#d4a6c8", REJECT: "#b07aa1", THREATEN: "#ff9d9a", PROTEST: "#f28e2b",
  SANCTION: "#9d7660", MOBILIZE: "#79706e", COERCE: "#e15759", ASSAULT: "#a50f15",
};
function typeColor(type) { return TYPE_COLORS[type] || "#555"; }
document.querySelectorAll(".type-dot[data-type]").forEach((el) => {
  el.style.background = typeColor(el.dataset.type);
});
