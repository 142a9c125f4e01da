//! Analyses, one module per seller problem.
