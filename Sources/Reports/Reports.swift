// galmorph — Reports
//
// Publication outputs of an audit: significance tables (Markdown, LaTeX, CSV, HTML), standalone LaTeX documents,
// Markdown reports and Jupyter notebooks with embedded outputs. The audit types are rendered through the generic
// `SignificanceTable` model so that every output of one audit shows the same numbers.
