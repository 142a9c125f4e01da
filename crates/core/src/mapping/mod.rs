//! Column mapping: which column of a file holds which field.
