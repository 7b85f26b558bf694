//! Floating-point text as .NET Framework's `ToString("R")` writes it, which is what
//! ServiceStack emits for `double` and `float`: the shortest of 15 (7 for `float`) significant
//! digits that reads back to the same value, else 17 (9); general format, so scientific notation
//! (`1E+20`, `1E-05`) when the exponent is -5 or below, or at least the digit count.

use std::fmt::{self, Write};

/// Writes `v` as .NET writes a `double`.
pub(crate) fn write_f64<W: ?Sized + Write>(out: &mut W, v: f64) -> fmt::Result {
    write_float(out, v, 15, 17, |s| s.parse::<f64>().ok() == Some(v))
}

/// Writes `v` as .NET writes a `float`.
pub(crate) fn write_f32<W: ?Sized + Write>(out: &mut W, v: f32) -> fmt::Result {
    write_float(out, f64::from(v), 7, 9, |s| {
        s.parse::<f32>().ok() == Some(v)
    })
}

fn write_float<W: ?Sized + Write>(
    out: &mut W,
    v: f64,
    short: usize,
    long: usize,
    round_trips: impl Fn(&str) -> bool,
) -> fmt::Result {
    if v.is_nan() {
        return out.write_str("NaN");
    }
    if v.is_infinite() {
        return out.write_str(if v > 0.0 { "Infinity" } else { "-Infinity" });
    }
    if v == 0.0 {
        // .NET Framework writes negative zero as "0".
        return out.write_char('0');
    }
    let mut sci = format!("{:.*e}", short - 1, v);
    let mut precision = short;
    if !round_trips(&sci) {
        sci = format!("{:.*e}", long - 1, v);
        precision = long;
    }
    // `sci` looks like "-1.2340e-5": split into sign, digits and exponent.
    let (mantissa, exp) = sci.split_once('e').unwrap_or((sci.as_str(), "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let (negative, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => (true, m),
        None => (false, mantissa),
    };
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let digits = digits.trim_end_matches('0');
    let digits = if digits.is_empty() { "0" } else { digits };
    if negative {
        out.write_char('-')?;
    }
    if exp < -4 || exp >= precision as i32 {
        out.write_str(&digits[..1])?;
        if digits.len() > 1 {
            out.write_char('.')?;
            out.write_str(&digits[1..])?;
        }
        out.write_char('E')?;
        out.write_char(if exp < 0 { '-' } else { '+' })?;
        let abs = exp.unsigned_abs();
        if abs < 10 {
            out.write_char('0')?;
        }
        out.write_str(itoa::Buffer::new().format(abs))?;
    } else if exp < 0 {
        out.write_str("0.")?;
        for _ in 0..(-exp - 1) {
            out.write_char('0')?;
        }
        out.write_str(digits)?;
    } else {
        let int_len = exp as usize + 1;
        if digits.len() <= int_len {
            out.write_str(digits)?;
            for _ in digits.len()..int_len {
                out.write_char('0')?;
            }
        } else {
            out.write_str(&digits[..int_len])?;
            out.write_char('.')?;
            out.write_str(&digits[int_len..])?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f64s(v: f64) -> String {
        let mut out = String::new();
        write_f64(&mut out, v).unwrap();
        out
    }

    #[test]
    fn doubles_as_dotnet_framework_writes_them() {
        // Vectors v148-v153.
        assert_eq!(f64s(0.1), "0.1");
        assert_eq!(f64s(1e20), "1E+20");
        assert_eq!(f64s(-0.0), "0");
        assert_eq!(f64s(123.456), "123.456");
        assert_eq!(f64s(1.0), "1");
        assert_eq!(f64s(5e-324), "4.94065645841247E-324");
        assert_eq!(f64s(0.0001), "0.0001");
        assert_eq!(f64s(0.00001), "1E-05");
        assert_eq!(f64s(123456789012345.0), "123456789012345");
        assert_eq!(f64s(1234567890123456.0), "1234567890123456");
        assert_eq!(f64s(1e15), "1E+15");
        assert_eq!(f64s(-2.5), "-2.5");
        assert_eq!(f64s(f64::NAN), "NaN");
    }

    #[test]
    fn floats_use_seven_digits() {
        let mut out = String::new();
        write_f32(&mut out, 0.1).unwrap();
        assert_eq!(out, "0.1");
    }
}
