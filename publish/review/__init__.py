"""Review: the curator's walk through what `publish draft` proposed, one row at a time.

- `publish.review.table`: a table as written, row by row, so that a decision rewrites only its rows.
- `publish.review.drafts`: the unreviewed rows of a source, least confident first, with why each
  field was chosen as their note says.
- `publish.review.decide`: accept, edit, re-file, convert and reject a row, each decision checked by
  `publish validate` before it is written, and written atomically.
- `publish.review.session`: `publish review SOURCE_ID`, the walk in a terminal.
- `publish.review.page`: `publish review SOURCE_ID --page`, the text with every number marked by what
  the tables say of it.
"""
