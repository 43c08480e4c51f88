//! The CLI's hook for documents (.docx, .pptx, .pdf, images): kept apart from
//! the walk and text input so that they can change independently.

use std::path::Path;

use crate::extract::{self, Format};
use crate::{CheckOptions, Checker, Report};

/// Whether a directory walk should pick up `path` as a document.
pub fn is_document(path: &Path) -> bool {
    path.to_str().and_then(Format::from_name).is_some()
}

/// Check `path` if it is a document: Some((name, extracted text, report)),
/// or Some(Err(message naming the file)); None for anything else.
pub fn check_if_document(
    checker: &Checker,
    path: &Path,
    options: &CheckOptions,
) -> Option<Result<(String, String, Report), String>> {
    if !is_document(path) {
        return None;
    }
    let name = path.display().to_string();
    Some(
        super::input::read_bounded(path, extract::MAX_DOCUMENT_BYTES, "").and_then(|bytes| {
            let checked = extract::check_document(checker, &name, &bytes, options)
                .map_err(|e| e.to_string())?;
            Ok((name, checked.document.body.text, checked.report))
        }),
    )
}
