//! Character encodings: detection from a sample, explicit labels, and a
//! streaming decoder that turns any supported encoding into UTF-8.

use std::io::{self, Read};

use encoding_rs::{CoderResult, Decoder, Encoding, UTF_8};

use crate::IngestError;

/// How the encoding of a file was decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EncodingReason {
    /// Given explicitly (command line or mapping file).
    Explicit,
    /// A byte-order mark at the start of the file.
    ByteOrderMark,
    /// The sampled bytes are valid UTF-8 (plain ASCII counts as UTF-8).
    ValidUtf8,
    /// Not UTF-8; guessed by `chardetng` from the sample.
    Guessed,
}

impl std::fmt::Display for EncodingReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            EncodingReason::Explicit => "given explicitly",
            EncodingReason::ByteOrderMark => "byte-order mark",
            EncodingReason::ValidUtf8 => "sample is valid UTF-8",
            EncodingReason::Guessed => "sample is not UTF-8; guessed from byte statistics",
        })
    }
}

/// The encoding chosen for a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextEncoding {
    /// The encoding (`encoding_rs`); `EUC-KR` is the WHATWG superset that equals CP949.
    pub encoding: &'static Encoding,
    /// Length of the byte-order mark to skip (0 when there is none).
    pub bom_len: usize,
}

impl TextEncoding {
    /// True for UTF-8 (with or without BOM): the bytes can be read without decoding.
    pub fn is_utf8(self) -> bool {
        self.encoding == UTF_8
    }

    /// The encoding's WHATWG name, e.g. `UTF-8`, `windows-1250`, `EUC-KR`.
    pub fn name(self) -> &'static str {
        self.encoding.name()
    }
}

/// Resolves an encoding label: WHATWG labels plus common aliases (`cp949`, `uhc`, `ms949`, `utf8`).
///
/// # Errors
/// [`IngestError::UnknownEncoding`] for a label no encoding answers to.
pub fn encoding_for_label(label: &str) -> Result<&'static Encoding, IngestError> {
    let lower = label.trim().to_ascii_lowercase();
    let alias = match lower.as_str() {
        "cp949" | "uhc" | "ms949" | "windows-949" | "euc_kr" => "euc-kr",
        "utf8" | "utf-8-sig" | "utf8-sig" => "utf-8",
        "utf16le" | "utf-16-le" => "utf-16le",
        "utf16be" | "utf-16-be" => "utf-16be",
        "cp1250" | "windows1250" => "windows-1250",
        "cp1252" | "windows1252" => "windows-1252",
        other => other,
    };
    Encoding::for_label(alias.as_bytes())
        .ok_or_else(|| IngestError::UnknownEncoding { label: label.to_owned() })
}

/// Legacy encodings `chardetng` may answer with that servgap accepts as-is.
/// Anything else (an unlikely guess for survey exports) falls back to windows-1252.
const ACCEPTED_GUESSES: [&str; 16] = [
    "windows-1250",
    "windows-1251",
    "windows-1252",
    "windows-1253",
    "windows-1254",
    "windows-1257",
    "ISO-8859-2",
    "ISO-8859-7",
    "KOI8-U",
    "EUC-KR",
    "Shift_JIS",
    "EUC-JP",
    "GBK",
    "gb18030",
    "Big5",
    "windows-1255",
];

/// Detects the encoding of `sample` (the first bytes of a file): BOM, then
/// UTF-8 validity, then a `chardetng` guess restricted to common legacy
/// encodings. `complete` says whether the sample is the whole file.
pub fn detect_encoding(sample: &[u8], complete: bool) -> (TextEncoding, EncodingReason) {
    if let Some((encoding, bom_len)) = Encoding::for_bom(sample) {
        return (TextEncoding { encoding, bom_len }, EncodingReason::ByteOrderMark);
    }
    if is_utf8_prefix(sample, complete) {
        return (TextEncoding { encoding: UTF_8, bom_len: 0 }, EncodingReason::ValidUtf8);
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(sample, complete);
    let guess = detector.guess(None, false);
    let encoding = if ACCEPTED_GUESSES.contains(&guess.name()) { guess } else { encoding_rs::WINDOWS_1252 };
    (TextEncoding { encoding, bom_len: 0 }, EncodingReason::Guessed)
}

/// True when `sample` is UTF-8, allowing a character cut off at the end of an incomplete sample.
fn is_utf8_prefix(sample: &[u8], complete: bool) -> bool {
    match std::str::from_utf8(sample) {
        Ok(_) => true,
        Err(e) => !complete && e.error_len().is_none(),
    }
}

/// The encoding for an explicit label, skipping a matching BOM if the sample starts with one.
///
/// # Errors
/// [`IngestError::UnknownEncoding`] for an unknown label.
pub fn explicit_encoding(label: &str, sample: &[u8]) -> Result<TextEncoding, IngestError> {
    let encoding = encoding_for_label(label)?;
    let bom_len = match Encoding::for_bom(sample) {
        Some((bom_encoding, len)) if bom_encoding == encoding => len,
        _ => 0,
    };
    Ok(TextEncoding { encoding, bom_len })
}

/// Decodes bytes of `encoding` to a `String` (malformed sequences become U+FFFD).
pub fn decode_all(encoding: TextEncoding, bytes: &[u8]) -> String {
    let (text, _) = encoding.encoding.decode_without_bom_handling(bytes);
    text.into_owned()
}

/// A reader that decodes another reader's bytes from `encoding` into UTF-8, in bounded memory.
pub(crate) struct DecodingReader<R> {
    inner: R,
    decoder: Decoder,
    input: Vec<u8>,
    input_start: usize,
    input_end: usize,
    output: Vec<u8>,
    output_start: usize,
    output_end: usize,
    eof: bool,
    finished: bool,
}

impl<R: Read> DecodingReader<R> {
    /// Wraps `inner`, whose BOM (if any) has already been consumed.
    pub(crate) fn new(inner: R, encoding: &'static Encoding) -> Self {
        let decoder = encoding.new_decoder_without_bom_handling();
        Self {
            inner,
            decoder,
            input: vec![0; 64 * 1024],
            input_start: 0,
            input_end: 0,
            output: vec![0; 256 * 1024],
            output_start: 0,
            output_end: 0,
            eof: false,
            finished: false,
        }
    }

    fn fill(&mut self) -> io::Result<()> {
        while self.output_start == self.output_end && !self.finished {
            if self.input_start == self.input_end && !self.eof {
                self.input_start = 0;
                self.input_end = 0;
                let n = self.inner.read(&mut self.input)?;
                if n == 0 {
                    self.eof = true;
                } else {
                    self.input_end = n;
                }
            }
            let src = &self.input[self.input_start..self.input_end];
            let (result, read, written, _) = self.decoder.decode_to_utf8(src, &mut self.output, self.eof);
            self.input_start += read;
            self.output_start = 0;
            self.output_end = written;
            if self.eof && result == CoderResult::InputEmpty && self.input_start == self.input_end {
                self.finished = true;
            }
        }
        Ok(())
    }
}

impl<R: Read> Read for DecodingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.fill()?;
        let available = &self.output[self.output_start..self.output_end];
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.output_start += n;
        Ok(n)
    }
}

/// True for a byte that ends a record outside quotes: `\r` or `\n`, as in the `csv` crate.
#[inline]
pub(crate) fn is_terminator(b: u8) -> bool {
    b == b'\r' || b == b'\n'
}

/// Line breaks in `bytes`, where `\r`, `\n` and `\r\n` each count once; `prev` is
/// the byte before `bytes` (0 at the start of a file).
pub(crate) fn count_line_breaks(prev: u8, bytes: &[u8]) -> u64 {
    let mut count = 0;
    for at in memchr::memchr2_iter(b'\r', b'\n', bytes) {
        let before = if at == 0 { prev } else { bytes[at - 1] };
        if bytes[at] == b'\r' || before != b'\r' {
            count += 1;
        }
    }
    count
}

/// Where a record-reading state machine stands (the `csv` crate's, with its defaults:
/// `"` quotes, doubled `""` escapes, any `\r`/`\n` terminates a record outside quotes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum QuoteState {
    StartRecord,
    StartField,
    InField,
    InQuotes,
    QuoteInQuotes,
}

/// Where a record that broke [`RecordGuard`]'s limit started.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LongRecord {
    /// 1-based line of the record's first byte (`\r`, `\n`, `\r\n` each end a line).
    pub line: u64,
    /// 1-based number of the record among all records of the stream.
    pub record: u64,
}

/// A reader in front of the `csv` crate that bounds its memory: it follows the
/// records as the `csv` crate splits them and stops handing out bytes once a
/// record grows past `limit` bytes (terminators excluded, quoted line breaks
/// included). The next read then fails, and [`RecordGuard::tripped`] says where the
/// record started, so the caller can name the row. Bytes before the long record are
/// handed out first, so the records before it are read as usual.
pub(crate) struct RecordGuard<R> {
    inner: R,
    delimiter: u8,
    limit: usize,
    state: QuoteState,
    record_len: usize,
    line: u64,
    prev: u8,
    records: u64,
    start: LongRecord,
    tripped: std::sync::Arc<std::sync::Mutex<Option<LongRecord>>>,
}

impl<R> RecordGuard<R> {
    /// Wraps `inner` (UTF-8 or raw bytes, from the start of the text, BOM skipped).
    pub(crate) fn new(inner: R, delimiter: u8, limit: usize) -> Self {
        Self {
            inner,
            delimiter,
            limit,
            state: QuoteState::StartRecord,
            record_len: 0,
            line: 1,
            prev: 0,
            records: 0,
            start: LongRecord { line: 1, record: 0 },
            tripped: std::sync::Arc::default(),
        }
    }

    /// A handle that later tells whether, and where, the limit was broken.
    pub(crate) fn tripped(&self) -> std::sync::Arc<std::sync::Mutex<Option<LongRecord>>> {
        std::sync::Arc::clone(&self.tripped)
    }

    /// Advances over one byte; false when the current record has grown past the limit.
    #[inline]
    fn step(&mut self, b: u8) -> bool {
        use QuoteState::*;
        let terminator = is_terminator(b);
        if terminator && (b == b'\r' || self.prev != b'\r') {
            self.line += 1;
        }
        self.prev = b;
        if self.state == StartRecord {
            if terminator {
                return true;
            }
            self.records += 1;
            self.start = LongRecord { line: self.line, record: self.records };
            self.record_len = 0;
            self.state = StartField;
        }
        let (next, ends_record) = match (self.state, b) {
            (StartField, b'"') => (InQuotes, false),
            (InQuotes, b'"') => (QuoteInQuotes, false),
            (QuoteInQuotes, b'"') => (InQuotes, false),
            (InQuotes, _) => (InQuotes, false),
            (_, _) if b == self.delimiter => (StartField, false),
            (_, _) if terminator => (StartRecord, true),
            _ => (InField, false),
        };
        self.state = next;
        if ends_record {
            return true;
        }
        self.record_len += 1;
        self.record_len <= self.limit
    }
}

impl<R: Read> Read for RecordGuard<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.tripped.lock().is_ok_and(|t| t.is_some()) {
            return Err(io::Error::other("record longer than the limit"));
        }
        let n = self.inner.read(buf)?;
        for (at, &b) in buf[..n].iter().enumerate() {
            if !self.step(b) {
                if let Ok(mut tripped) = self.tripped.lock() {
                    *tripped = Some(self.start);
                }
                if at == 0 {
                    return Err(io::Error::other("record longer than the limit"));
                }
                return Ok(at);
            }
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests;
