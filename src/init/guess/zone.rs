//! The project's time zone from the dates themselves: the zone a tool declares for its
//! times (Qualtrics' `"timeZone": "America/Denver"`), or the offsets the dates are written
//! with (`2024-03-05T10:15:02+08:00`). Periods are cut in the project's zone, so a file of
//! `+08:00` times read in UTC would put the evening of the last day of a month in the next.

use crate::produce::csv::value;

/// A zone for the project and why; `None` when the dates say nothing (local times) or
/// nothing certain enough (several offsets that no one zone's summer time explains).
pub(in crate::init) fn guess_zone(dates: &[&str], declared: Option<&str>, chinese: bool) -> Option<(String, String)> {
    if let Some(zone) = declared.filter(|z| z.parse::<chrono_tz::Tz>().is_ok()) {
        return Some((zone.to_string(), format!("the export declares its times in {zone}")));
    }
    let mut offsets: Vec<i32> =
        dates.iter().filter_map(|d| value::written_offset(d)).map(|o| o.local_minus_utc()).collect();
    // Most dates must say their offset: a few `Z` among local times say nothing of the rest.
    if offsets.len() * 2 <= dates.iter().filter(|d| !d.trim().is_empty()).count() {
        return None;
    }
    offsets.sort_unstable();
    offsets.dedup();
    let written = offsets.iter().map(|o| offset_text(*o)).collect::<Vec<_>>().join(" and ");
    let zone = match offsets[..] {
        [0] => "UTC".to_string(),
        [o] if o == 8 * 3600 && chinese => "Asia/Shanghai".to_string(),
        [o] => fixed_zone(o)?,
        [winter, summer] if summer - winter == 3600 => summer_time_zone(winter / 60)?.to_string(),
        _ => return None,
    };
    Some((zone, format!("the dates are written with offset {written}")))
}

/// `+08:00`, `-05:00`, `+05:30`.
fn offset_text(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let m = seconds.abs() / 60;
    format!("{sign}{:02}:{:02}", m / 60, m % 60)
}

/// A zone that keeps offset `seconds` all year: `Etc/GMT-8` for +08:00 (the IANA names turn
/// the sign around), or the zone of a half-hour offset.
fn fixed_zone(seconds: i32) -> Option<String> {
    if seconds % 3600 == 0 {
        let h = seconds / 3600;
        return match h {
            0 => Some("UTC".into()),
            -12..=14 => Some(format!("Etc/GMT{}{}", if h > 0 { '-' } else { '+' }, h.abs())),
            _ => None,
        };
    }
    let zone = match seconds / 60 {
        330 => "Asia/Kolkata",
        345 => "Asia/Kathmandu",
        390 => "Asia/Yangon",
        210 => "Asia/Tehran",
        570 => "Australia/Darwin",
        _ => return None,
    };
    Some(zone.into())
}

/// The zone whose standard time is `winter` minutes from UTC and whose summer time an hour
/// more, as customer data most often comes from.
fn summer_time_zone(winter: i32) -> Option<&'static str> {
    Some(match winter {
        -480 => "America/Los_Angeles",
        -420 => "America/Denver",
        -360 => "America/Chicago",
        -300 => "America/New_York",
        0 => "Europe/London",
        60 => "Europe/Berlin",
        120 => "Europe/Helsinki",
        600 => "Australia/Sydney",
        720 => "Pacific/Auckland",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::guess_zone;

    fn zone(dates: &[&str], chinese: bool) -> Option<String> {
        guess_zone(dates, None, chinese).map(|z| z.0)
    }

    #[test]
    fn the_zone_is_what_the_dates_offsets_say_or_the_export_declares() {
        let plus8 = ["2024-03-31T22:15:00+08:00", "2024-04-01T09:00:00+08:00"];
        assert_eq!(zone(&plus8, true).as_deref(), Some("Asia/Shanghai"));
        assert_eq!(zone(&plus8, false).as_deref(), Some("Etc/GMT-8"));
        // New York's winter and summer: two offsets an hour apart.
        assert_eq!(
            zone(&["2024-01-05 10:00:00-05:00", "2024-07-05 10:00:00-04:00"], false).as_deref(),
            Some("America/New_York")
        );
        assert_eq!(zone(&["2024/03/01 9:15:22 AM GMT+8"], true).as_deref(), Some("Asia/Shanghai"));
        assert_eq!(zone(&["2024-03-05T10:15:02+05:30"], false).as_deref(), Some("Asia/Kolkata"));
        assert_eq!(zone(&["2024-03-05T10:15:02Z", "2024-03-06T10:15:02Z"], false).as_deref(), Some("UTC"));
        // Local times, or offsets no one zone has: no guess.
        assert_eq!(zone(&["2024-03-05 10:15:02", "2024-03-06 10:15:02"], false), None);
        assert_eq!(zone(&["2024-03-05T10:15:02+08:00", "2024-03-05T10:15:02-05:00"], false), None);
        assert_eq!(zone(&["2024-03-05T10:15:02+08:00", "2024-03-05 10:15:02", "2024-03-06 10:15:02"], false), None);
        let declared = guess_zone(&["2024-03-05 10:15:02"], Some("America/Denver"), false).unwrap();
        assert_eq!(
            declared,
            ("America/Denver".to_string(), "the export declares its times in America/Denver".to_string())
        );
        assert_eq!(guess_zone(&["2024-03-05 10:15:02"], Some("Mars/Olympus"), false), None);
        let why = guess_zone(&plus8, None, true).unwrap().1;
        assert_eq!(why, "the dates are written with offset +08:00");
        // Every guessed zone is one the project reads.
        for h in -12i32..=14 {
            let d = format!("2024-03-05T10:15:02{}{:02}:00", if h < 0 { '-' } else { '+' }, h.abs());
            let z = zone(&[d.as_str()], false).unwrap();
            assert!(z.parse::<chrono_tz::Tz>().is_ok(), "{z}");
        }
    }
}
