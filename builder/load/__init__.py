"""Reading a project: YAML with its lines, records, vocabularies, articles, redirects, and every check that refuses bad input with file and line. Changes when the input formats or their rules do."""
