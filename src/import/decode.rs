//! Bytes to text: schedules come as UTF-8, with or without a byte-order mark, and as
//! UTF-16 with a byte-order mark (Windows tools save Sessionize exports that way).
//! Anything else is refused, naming what was found, so the person knows what to do.

/// The text of `bytes`, or what they are instead.
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return utf8(rest);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, u16::from_le_bytes, "UTF-16 (little-endian)");
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, u16::from_be_bytes, "UTF-16 (big-endian)");
    }
    if bytes.starts_with(&[0, 0, 0xFE, 0xFF]) || bytes.starts_with(&[0xFF, 0xFE, 0, 0]) {
        return Err("UTF-32 text; save it as UTF-8".into());
    }
    utf8(bytes)
}

fn utf8(bytes: &[u8]) -> Result<String, String> {
    match std::str::from_utf8(bytes) {
        // NUL is valid UTF-8, but no text file holds it: UTF-16 or binary data does.
        Ok(text) if !text.contains('\0') => Ok(text.to_string()),
        Ok(text) => Err(what_instead(bytes, text.find('\0').unwrap_or(0))),
        Err(error) => Err(what_instead(bytes, error.valid_up_to())),
    }
}

/// What bytes that are not UTF-8 look like, from the first byte that is not.
fn what_instead(bytes: &[u8], at: usize) -> String {
    let head = &bytes[..bytes.len().min(512)];
    let zeros = head.iter().filter(|&&b| b == 0).count();
    // Text in UTF-16 without a mark: every other byte of ASCII text is zero.
    let even_zeros = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_zeros = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if zeros > head.len() / 4 && (even_zeros > head.len() / 4 || odd_zeros > head.len() / 4) {
        "UTF-16 text without a byte-order mark; save it as UTF-8".into()
    } else if zeros > 0 {
        "binary data, not text".into()
    } else {
        let byte = bytes.get(at).copied().unwrap_or(0);
        format!(
            "text in another encoding than UTF-8 (byte 0x{byte:02X} at offset {at}, as in Latin-1 or Windows-1252); save it as UTF-8"
        )
    }
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16, name: &str) -> Result<String, String> {
    if !bytes.len().is_multiple_of(2) {
        return Err(format!("{name} with an odd number of bytes: cut short"));
    }
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .map_err(|error| format!("{name} with a broken character ({error})"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16_bytes(text: &str, big_endian: bool) -> Vec<u8> {
        let mut bytes = if big_endian {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for unit in text.encode_utf16() {
            bytes.extend(if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            });
        }
        bytes
    }

    #[test]
    fn utf8_with_or_without_a_mark_and_utf16_with_one_are_read() {
        let text = "{\"title\": \"Größe 😀 中\"}";
        assert_eq!(decode(text.as_bytes()).unwrap(), text);
        let marked = [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat();
        assert_eq!(decode(&marked).unwrap(), text);
        assert_eq!(decode(&utf16_bytes(text, false)).unwrap(), text);
        assert_eq!(decode(&utf16_bytes(text, true)).unwrap(), text);
    }

    #[test]
    fn anything_else_is_named() {
        let latin1 = b"{\"title\": \"Gr\xf6\xdfe\"}";
        assert!(
            decode(latin1)
                .unwrap_err()
                .contains("byte 0xF6 at offset 13")
        );
        let unmarked: Vec<u8> = "{\"title\": 1}"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert!(
            decode(&unmarked)
                .unwrap_err()
                .contains("UTF-16 text without a byte-order mark")
        );
        assert!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0")
                .unwrap_err()
                .contains("binary")
        );
        let mut odd = utf16_bytes("ab", false);
        odd.push(0);
        assert!(decode(&odd).unwrap_err().contains("cut short"));
        let lone = [0xFF, 0xFE, 0x00, 0xD8];
        assert!(decode(&lone).unwrap_err().contains("broken character"));
    }
}
