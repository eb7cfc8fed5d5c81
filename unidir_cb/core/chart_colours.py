"""The colours of every chart, on the site and in the documents (a small module: the dashboard's
views import it at start-up, the documents' matplotlib code when they build).

Safe for colour-blind readers: UN blue first, then the Okabe–Ito colours for categories; ColorBrewer's
sequential "Blues" for the world map's classes, darkest for most."""

PALETTE = ["#009edb", "#e69f00", "#009e73", "#cc79a7", "#0072b2", "#d55e00", "#56b4e9", "#f0e442", "#999999"]
CLASS_COLOURS = ["#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"]
NO_DATA_COLOUR = "#e4e4e4"
BORDER_COLOUR = "#ffffff"
