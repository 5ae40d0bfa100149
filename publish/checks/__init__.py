"""The families of checks, one module each: structure (a table's bytes), schema (its Table
Schema), consistency (the cross-row rules), provenance (quotes and the numbers they state),
coverage (every number accounted for) and agreement (sources of one fact). Each returns
findings and never prints; publish.validate runs them in that order."""
