//! [`Timestamp`]: the API's ISO 8601 instants.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An instant as the API writes it, e.g. `2026-12-03T10:00:00.000Z`.
///
/// It keeps the text it was decoded from, so decoding never fails on a format the API adds
/// later, and converts to [`SystemTime`] on demand. Built from a `SystemTime`, it is written
/// as the official SDKs write instants: UTC with milliseconds.
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// use seam_runtime::Timestamp;
///
/// let t = Timestamp::from(UNIX_EPOCH + Duration::from_millis(1_764_756_000_123));
/// assert_eq!(t.as_str(), "2025-12-03T10:00:00.123Z");
/// assert_eq!(t.to_system_time(), Some(UNIX_EPOCH + Duration::from_millis(1_764_756_000_123)));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Timestamp(String);

impl Timestamp {
    /// A timestamp from text, as is.
    pub fn new(text: impl Into<String>) -> Self {
        Timestamp(text.into())
    }

    /// The current time.
    pub fn now() -> Self {
        SystemTime::now().into()
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The instant, when the text is an RFC 3339 date-time (`Z` or a `±hh:mm` offset,
    /// any fraction of a second).
    pub fn to_system_time(&self) -> Option<SystemTime> {
        parse_rfc3339(&self.0)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<SystemTime> for Timestamp {
    fn from(time: SystemTime) -> Self {
        let (sign, since) = match time.duration_since(UNIX_EPOCH) {
            Ok(d) => (1i64, d),
            Err(e) => (-1, e.duration()),
        };
        let mut millis = sign * i64::try_from(since.as_millis()).unwrap_or(i64::MAX);
        if sign < 0 && since.subsec_nanos() % 1_000_000 != 0 {
            millis -= 1;
        }
        let days = millis.div_euclid(86_400_000);
        let rest = millis.rem_euclid(86_400_000);
        let (year, month, day) = civil_from_days(days);
        Timestamp(format!(
            "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
            rest / 3_600_000,
            rest / 60_000 % 60,
            rest / 1000 % 60,
            rest % 1000
        ))
    }
}

impl From<&str> for Timestamp {
    fn from(text: &str) -> Self {
        Timestamp(text.to_owned())
    }
}

impl From<String> for Timestamp {
    fn from(text: String) -> Self {
        Timestamp(text)
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Timestamp)
    }
}

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian (Howard Hinnant's
/// algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month as u32, day as u32)
}

/// (year, month, day) to days since 1970-01-01.
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let yoe = year.rem_euclid(400);
    let month = i64::from(month);
    let doy = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// An IMF-fixdate, as `Retry-After` carries: `Wed, 03 Dec 2026 10:00:00 GMT`.
pub(crate) fn parse_http_date(text: &str) -> Option<SystemTime> {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let mut parts = text.split_ascii_whitespace();
    let _weekday = parts.next()?.strip_suffix(',')?;
    let day: u32 = parts.next()?.parse().ok()?;
    let month_name = parts.next()?;
    let month = MONTHS.iter().position(|m| *m == month_name)? as u32 + 1;
    let year: i64 = parts.next()?.parse().ok()?;
    let mut clock = parts.next()?.split(':').map(|p| p.parse::<i64>().ok());
    let (hour, minute, second) = (clock.next()??, clock.next()??, clock.next()??);
    if parts.next()? != "GMT" || parts.next().is_some() || !(1..=31).contains(&day) {
        return None;
    }
    let seconds = days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second;
    UNIX_EPOCH.checked_add(Duration::from_secs(u64::try_from(seconds).ok()?))
}

fn parse_rfc3339(text: &str) -> Option<SystemTime> {
    let b = text.as_bytes();
    let num = |range: std::ops::Range<usize>| -> Option<i64> {
        let s = text.get(range)?;
        s.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse().ok())?
    };
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    if b[13] != b':' || b[16] != b':' {
        return None;
    }
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let mut i = 19;
    let mut nanos: u64 = 0;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            if i - start < 9 {
                nanos = nanos * 10 + u64::from(b[i] - b'0');
            }
            i += 1;
        }
        let digits = (i - start).min(9);
        if digits == 0 {
            return None;
        }
        nanos *= 10u64.pow(9 - digits as u32);
    }
    let offset = match b.get(i)? {
        b'Z' | b'z' if i + 1 == b.len() => 0,
        sign @ (b'+' | b'-') if b.len() == i + 6 && b[i + 3] == b':' => {
            let minutes = num(i + 1..i + 3)? * 60 + num(i + 4..i + 6)?;
            if *sign == b'+' {
                minutes * 60
            } else {
                -minutes * 60
            }
        }
        _ => return None,
    };
    let days = days_from_civil(year, month as u32, day as u32);
    let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset;
    let base = if seconds >= 0 {
        UNIX_EPOCH.checked_add(Duration::from_secs(seconds as u64))?
    } else {
        UNIX_EPOCH.checked_sub(Duration::from_secs(seconds.unsigned_abs()))?
    };
    base.checked_add(Duration::from_nanos(nanos))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_like_the_official_sdks() {
        assert_eq!(
            Timestamp::from(UNIX_EPOCH).as_str(),
            "1970-01-01T00:00:00.000Z"
        );
        let t = UNIX_EPOCH + Duration::from_secs(951_782_400) + Duration::from_micros(999_999);
        assert_eq!(Timestamp::from(t).as_str(), "2000-02-29T00:00:00.999Z");
        let before = UNIX_EPOCH - Duration::from_millis(1);
        assert_eq!(Timestamp::from(before).as_str(), "1969-12-31T23:59:59.999Z");
    }

    #[test]
    fn parses_rfc3339() {
        let t = Timestamp::new("2026-12-03T10:00:00.123Z")
            .to_system_time()
            .unwrap();
        assert_eq!(Timestamp::from(t).as_str(), "2026-12-03T10:00:00.123Z");
        let offset = Timestamp::new("2026-12-03T12:00:00+02:00")
            .to_system_time()
            .unwrap();
        assert_eq!(Timestamp::from(offset).as_str(), "2026-12-03T10:00:00.000Z");
        for bad in [
            "",
            "2026-12-03",
            "2026-13-03T10:00:00Z",
            "2026-12-03T10:00:00",
            "2026-12-03T10:00:00.Z",
            "x026-12-03T10:00:00Z",
        ] {
            assert_eq!(Timestamp::new(bad).to_system_time(), None, "{bad}");
        }
    }

    #[test]
    fn round_trips_many_instants() {
        for millis in [
            0i64,
            1,
            86_399_999,
            1_700_000_000_000,
            -86_400_001,
            253_402_300_799_999,
        ] {
            let t = if millis >= 0 {
                UNIX_EPOCH + Duration::from_millis(millis as u64)
            } else {
                UNIX_EPOCH - Duration::from_millis(millis.unsigned_abs())
            };
            let text = Timestamp::from(t);
            assert_eq!(text.to_system_time(), Some(t), "{text}");
        }
    }
}
