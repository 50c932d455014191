"""What each generated page shows, as plain data for the templates: entity pages, indexes, the member matrices, overlaps, the timeline and the charts' geometry. Changes when a page's content does."""
