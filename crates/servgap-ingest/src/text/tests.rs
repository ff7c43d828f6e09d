use std::io::Read;

use super::*;

#[test]
fn bom_utf8_and_utf16_are_recognised() {
    let (e, why) = detect_encoding(b"\xEF\xBB\xBFa,b\n", true);
    assert_eq!((e.name(), e.bom_len, why), ("UTF-8", 3, EncodingReason::ByteOrderMark));
    let (e, _) = detect_encoding(b"\xFF\xFEa\0,\0", true);
    assert_eq!((e.name(), e.bom_len), ("UTF-16LE", 2));
    let (e, _) = detect_encoding(b"\xFE\xFF\0a", true);
    assert_eq!(e.name(), "UTF-16BE");
}

#[test]
fn utf8_cut_at_sample_end_is_still_utf8() {
    let text = "zażółć".as_bytes();
    let cut = &text[..text.len() - 1];
    assert_eq!(detect_encoding(cut, false).0.name(), "UTF-8");
    assert_ne!(detect_encoding(cut, true).0.name(), "UTF-8");
}

#[test]
fn aliases_resolve() {
    assert_eq!(encoding_for_label("CP949").map(|e| e.name()).ok(), Some("EUC-KR"));
    assert_eq!(encoding_for_label("cp1250").map(|e| e.name()).ok(), Some("windows-1250"));
    assert!(matches!(encoding_for_label("klingon"), Err(IngestError::UnknownEncoding { .. })));
}

#[test]
fn decoding_reader_streams_across_buffer_boundaries() {
    let text = "Jakość obsługi;żółw\n".repeat(20_000);
    let (bytes, _, _) = encoding_rs::WINDOWS_1250.encode(&text);
    let mut out = String::new();
    DecodingReader::new(&bytes[..], encoding_rs::WINDOWS_1250).read_to_string(&mut out).unwrap();
    assert_eq!(out, text);
}
