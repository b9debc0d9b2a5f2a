//! LEB128 variable-length integers, the unit of the shard format: small numbers (the gaps
//! between doc ids and between positions) take one byte.

/// Appends `value` as unsigned LEB128: seven bits per byte, low bits first, high bit set on
/// every byte but the last.
#[inline]
pub(crate) fn write(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push((value as u8 & 0x7f) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// Why a varint could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum VarintError {
    /// The bytes ended inside the number.
    Truncated,
    /// The number does not fit in 32 bits.
    TooLarge,
}

/// A cursor over encoded bytes that never reads past the end.
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, at: 0 }
    }

    /// Byte offset of the next read, for error messages.
    pub(crate) fn offset(&self) -> usize {
        self.at
    }

    pub(crate) fn is_at_end(&self) -> bool {
        self.at == self.bytes.len()
    }

    /// Takes `n` raw bytes.
    pub(crate) fn take(&mut self, n: usize) -> Result<&'a [u8], VarintError> {
        let end = self.at.checked_add(n).ok_or(VarintError::Truncated)?;
        let slice = self.bytes.get(self.at..end).ok_or(VarintError::Truncated)?;
        self.at = end;
        Ok(slice)
    }

    /// Reads one unsigned LEB128 number of at most 32 bits.
    pub(crate) fn varint(&mut self) -> Result<u32, VarintError> {
        let mut value: u32 = 0;
        for shift in (0..35).step_by(7) {
            let byte = *self.bytes.get(self.at).ok_or(VarintError::Truncated)?;
            self.at += 1;
            let bits = u32::from(byte & 0x7f);
            if shift == 28 && bits > 0x0f {
                return Err(VarintError::TooLarge);
            }
            value |= bits << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(VarintError::TooLarge)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn small_numbers_take_one_byte() {
        let mut out = Vec::new();
        write(&mut out, 0);
        write(&mut out, 127);
        write(&mut out, 128);
        assert_eq!(out, [0x00, 0x7f, 0x80, 0x01]);
    }

    #[test]
    fn overlong_numbers_are_rejected() {
        let mut reader = Reader::new(&[0xff, 0xff, 0xff, 0xff, 0x1f]);
        assert_eq!(reader.varint(), Err(VarintError::TooLarge));
        let mut reader = Reader::new(&[0x80, 0x80]);
        assert_eq!(reader.varint(), Err(VarintError::Truncated));
    }

    proptest! {
        #[test]
        fn round_trips(values in proptest::collection::vec(any::<u32>(), 0..50)) {
            let mut out = Vec::new();
            for &v in &values {
                write(&mut out, v);
            }
            let mut reader = Reader::new(&out);
            for &v in &values {
                prop_assert_eq!(reader.varint(), Ok(v));
            }
            prop_assert!(reader.is_at_end());
        }
    }
}
