use super::*;

const DT: TimestampFormat = TimestampFormat::DateTime;
const HD: TimestampFormat = TimestampFormat::HttpDate;
const ES: TimestampFormat = TimestampFormat::EpochSeconds;

fn ts(secs: i64, nanos: u32) -> Timestamp {
    Timestamp::from_secs_nanos(secs, nanos)
}

#[test]
fn short_decimals_read_as_their_f64_would() {
    // A deterministic sweep of decimals with up to 15 significant digits, of every
    // magnitude in range, both signs, with and without trailing zeros.
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let mut checked = 0;
    for i in 0..200_000u64 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let digits = 1 + (x % 15) as usize;
        let mantissa = (x >> 8) % 10u64.pow(digits as u32);
        let text = format!("{mantissa:0digits$}");
        let point = 1 + (x >> 40) as usize % digits;
        let (int, frac) = text.split_at(digits - point);
        let int = if int.is_empty() { "0" } else { int };
        let zeros = "0".repeat((i % 3) as usize);
        let sign = if i % 2 == 0 { "" } else { "-" };
        let text = if i % 5 == 4 {
            // Scientific, as Java's Double.toString writes it (`1.732528861345E9`).
            let all = format!("{int}{frac}");
            let all = all.trim_start_matches('0');
            let all = if all.is_empty() { "0" } else { all };
            let exp = int.trim_start_matches('0').len() as i32 - 1;
            let exp = if int.trim_start_matches('0').is_empty() {
                -((frac.len() - frac.trim_start_matches('0').len()) as i32) - 1
            } else {
                exp
            };
            format!("{sign}{}.{}0{zeros}E{exp}", &all[..1], &all[1..])
        } else {
            format!("{sign}{int}.{frac}{zeros}")
        };
        let via_f64 = Timestamp::from_epoch_f64(text.parse().unwrap());
        match Timestamp::from_short_epoch_decimal(text.as_bytes()) {
            Some(t) => {
                assert_eq!(Ok(t), via_f64, "{text}");
                checked += 1;
            }
            None => assert!(via_f64.is_err(), "{text}: no short reading but {via_f64:?}"),
        }
    }
    assert!(checked > 150_000, "{checked}");
    // Not short: more than 15 significant digits.
    assert_eq!(
        Timestamp::from_short_epoch_decimal(b"1.5e9"),
        Some(ts(1_500_000_000, 0))
    );
    assert_eq!(
        Timestamp::from_short_epoch_decimal(b"1.732333752551E9"),
        Some(ts(1732333752, 551_000_000))
    );
    assert_eq!(
        Timestamp::from_short_epoch_decimal(b"-2.5E-10"),
        Some(ts(-1, 999_000_000))
    );
    assert_eq!(
        Timestamp::from_short_epoch_decimal(b"1732528861.3456789"),
        None
    );
    assert_eq!(
        Timestamp::from_short_epoch_decimal(b"1732528861.345"),
        Some(ts(1732528861, 345_000_000))
    );
}

fn message(e: &Error) -> String {
    e.to_string()
}

/// Whole-second vectors: (epoch seconds, date-time, http-date), from Python's `datetime`
/// and `email.utils.format_datetime(dt, usegmt=True)`.
const VECTORS: &[(i64, &str, &str)] = &[
    (0, "1970-01-01T00:00:00Z", "Thu, 01 Jan 1970 00:00:00 GMT"),
    (1, "1970-01-01T00:00:01Z", "Thu, 01 Jan 1970 00:00:01 GMT"),
    (-1, "1969-12-31T23:59:59Z", "Wed, 31 Dec 1969 23:59:59 GMT"),
    (59, "1970-01-01T00:00:59Z", "Thu, 01 Jan 1970 00:00:59 GMT"),
    (60, "1970-01-01T00:01:00Z", "Thu, 01 Jan 1970 00:01:00 GMT"),
    (
        -86400,
        "1969-12-31T00:00:00Z",
        "Wed, 31 Dec 1969 00:00:00 GMT",
    ),
    (
        86399,
        "1970-01-01T23:59:59Z",
        "Thu, 01 Jan 1970 23:59:59 GMT",
    ),
    (
        86400,
        "1970-01-02T00:00:00Z",
        "Fri, 02 Jan 1970 00:00:00 GMT",
    ),
    (
        951782400,
        "2000-02-29T00:00:00Z",
        "Tue, 29 Feb 2000 00:00:00 GMT",
    ),
    (
        951868800,
        "2000-03-01T00:00:00Z",
        "Wed, 01 Mar 2000 00:00:00 GMT",
    ),
    (
        951782399,
        "2000-02-28T23:59:59Z",
        "Mon, 28 Feb 2000 23:59:59 GMT",
    ),
    (
        -2203891200,
        "1900-03-01T00:00:00Z",
        "Thu, 01 Mar 1900 00:00:00 GMT",
    ),
    (
        -2203977600,
        "1900-02-28T00:00:00Z",
        "Wed, 28 Feb 1900 00:00:00 GMT",
    ),
    (
        -2208988800,
        "1900-01-01T00:00:00Z",
        "Mon, 01 Jan 1900 00:00:00 GMT",
    ),
    (
        -2208988801,
        "1899-12-31T23:59:59Z",
        "Sun, 31 Dec 1899 23:59:59 GMT",
    ),
    (
        946684799,
        "1999-12-31T23:59:59Z",
        "Fri, 31 Dec 1999 23:59:59 GMT",
    ),
    (
        946684800,
        "2000-01-01T00:00:00Z",
        "Sat, 01 Jan 2000 00:00:00 GMT",
    ),
    (
        1398796238,
        "2014-04-29T18:30:38Z",
        "Tue, 29 Apr 2014 18:30:38 GMT",
    ),
    (
        1576540098,
        "2019-12-16T23:48:18Z",
        "Mon, 16 Dec 2019 23:48:18 GMT",
    ),
    (
        946845296,
        "2000-01-02T20:34:56Z",
        "Sun, 02 Jan 2000 20:34:56 GMT",
    ),
    (
        1422172800,
        "2015-01-25T08:00:00Z",
        "Sun, 25 Jan 2015 08:00:00 GMT",
    ),
    (
        253402300799,
        "9999-12-31T23:59:59Z",
        "Fri, 31 Dec 9999 23:59:59 GMT",
    ),
    (
        -62135596800,
        "0001-01-01T00:00:00Z",
        "Mon, 01 Jan 0001 00:00:00 GMT",
    ),
    (
        -62135596799,
        "0001-01-01T00:00:01Z",
        "Mon, 01 Jan 0001 00:00:01 GMT",
    ),
    (
        68256000,
        "1972-03-01T00:00:00Z",
        "Wed, 01 Mar 1972 00:00:00 GMT",
    ),
    (
        -631152000,
        "1950-01-01T00:00:00Z",
        "Sun, 01 Jan 1950 00:00:00 GMT",
    ),
    (
        1234567890,
        "2009-02-13T23:31:30Z",
        "Fri, 13 Feb 2009 23:31:30 GMT",
    ),
    (
        2147483647,
        "2038-01-19T03:14:07Z",
        "Tue, 19 Jan 2038 03:14:07 GMT",
    ),
    (
        2147483648,
        "2038-01-19T03:14:08Z",
        "Tue, 19 Jan 2038 03:14:08 GMT",
    ),
    (
        -2147483648,
        "1901-12-13T20:45:52Z",
        "Fri, 13 Dec 1901 20:45:52 GMT",
    ),
    (
        4102444800,
        "2100-01-01T00:00:00Z",
        "Fri, 01 Jan 2100 00:00:00 GMT",
    ),
    (
        1709164800,
        "2024-02-29T00:00:00Z",
        "Thu, 29 Feb 2024 00:00:00 GMT",
    ),
    (
        1709251199,
        "2024-02-29T23:59:59Z",
        "Thu, 29 Feb 2024 23:59:59 GMT",
    ),
    (
        -12219292800,
        "1582-10-15T00:00:00Z",
        "Fri, 15 Oct 1582 00:00:00 GMT",
    ),
    (
        -12219292801,
        "1582-10-14T23:59:59Z",
        "Thu, 14 Oct 1582 23:59:59 GMT",
    ),
    (
        4107542400,
        "2100-03-01T00:00:00Z",
        "Mon, 01 Mar 2100 00:00:00 GMT",
    ),
    (
        -30610224000,
        "1000-01-01T00:00:00Z",
        "Wed, 01 Jan 1000 00:00:00 GMT",
    ),
    (
        -11644473600,
        "1601-01-01T00:00:00Z",
        "Mon, 01 Jan 1601 00:00:00 GMT",
    ),
    (
        1000000000,
        "2001-09-09T01:46:40Z",
        "Sun, 09 Sep 2001 01:46:40 GMT",
    ),
    (
        1500000000,
        "2017-07-14T02:40:00Z",
        "Fri, 14 Jul 2017 02:40:00 GMT",
    ),
    (
        1700000000,
        "2023-11-14T22:13:20Z",
        "Tue, 14 Nov 2023 22:13:20 GMT",
    ),
    (
        -1000000000,
        "1938-04-24T22:13:20Z",
        "Sun, 24 Apr 1938 22:13:20 GMT",
    ),
    (
        253402214400,
        "9999-12-31T00:00:00Z",
        "Fri, 31 Dec 9999 00:00:00 GMT",
    ),
    (
        13569465600,
        "2400-01-01T00:00:00Z",
        "Sat, 01 Jan 2400 00:00:00 GMT",
    ),
];

#[test]
fn whole_second_vectors_both_ways() {
    for &(secs, date_time, http_date) in VECTORS {
        let t = Timestamp::from_secs(secs);
        assert_eq!(t.fmt(DT), date_time);
        assert_eq!(t.fmt(HD), http_date);
        assert_eq!(t.fmt(ES), secs.to_string());
        assert_eq!(t.to_string(), date_time);
        assert_eq!(
            Timestamp::parse_date_time(date_time).unwrap(),
            t,
            "{date_time}"
        );
        assert_eq!(
            Timestamp::parse_http_date(http_date).unwrap(),
            t,
            "{http_date}"
        );
        assert_eq!(
            Timestamp::parse_epoch_seconds(&secs.to_string()).unwrap(),
            t
        );
    }
}

/// The serialized forms of the botocore protocol conformance cases
/// (`/work/shared/protocol-tests/botocore/{input,output}/*.json`).
#[test]
fn conformance_case_forms() {
    let t = Timestamp::from_secs(1398796238);
    assert_eq!(t.fmt(DT), "2014-04-29T18:30:38Z");
    assert_eq!(t.fmt(HD), "Tue, 29 Apr 2014 18:30:38 GMT");
    assert_eq!(t.fmt(ES), "1398796238");
    let t = Timestamp::from_secs(1576540098);
    assert_eq!(t.fmt(DT), "2019-12-16T23:48:18Z");
    assert_eq!(t.fmt(HD), "Mon, 16 Dec 2019 23:48:18 GMT");
    assert_eq!(t.fmt(ES), "1576540098");
    assert_eq!(
        Timestamp::from_secs(1422172800).fmt(DT),
        "2015-01-25T08:00:00Z"
    );
    assert_eq!(
        Timestamp::from_secs(946845296).fmt(HD),
        "Sun, 02 Jan 2000 20:34:56 GMT"
    );
    for (s, secs) in [
        ("1970-01-01T00:00:01Z", 1),
        ("1970-01-01T00:00:02Z", 2),
        ("1970-01-01T00:00:03Z", 3),
    ] {
        assert_eq!(Timestamp::from_secs(secs).fmt(DT), s);
    }
    // Output cases: offsets and fractional seconds.
    for s in ["2019-12-17T00:48:18+01:00", "2019-12-16T22:48:18-01:00"] {
        assert_eq!(
            Timestamp::parse_date_time(s).unwrap(),
            Timestamp::from_secs(1576540098)
        );
    }
    let fractional = Timestamp::parse_date_time("2000-01-02T20:34:56.123Z").unwrap();
    assert_eq!(fractional, ts(946845296, 123_000_000));
    assert_eq!(
        Timestamp::from_epoch_f64(946845296.123).unwrap(),
        fractional
    );
    assert_eq!(fractional.fmt(DT), "2000-01-02T20:34:56.123Z");
}

#[test]
fn fractional_vectors_both_ways() {
    // (secs, nanos, date-time, epoch-seconds); instants checked with Python's datetime.
    let cases: &[(i64, u32, &str, &str)] = &[
        (
            946845296,
            123_000_000,
            "2000-01-02T20:34:56.123Z",
            "946845296.123",
        ),
        (
            482196050,
            520_000_000,
            "1985-04-12T23:20:50.52Z",
            "482196050.52",
        ),
        (
            1700000000,
            500_000_000,
            "2023-11-14T22:13:20.5Z",
            "1700000000.5",
        ),
        (0, 1_000_000, "1970-01-01T00:00:00.001Z", "0.001"),
        (0, 10_000_000, "1970-01-01T00:00:00.01Z", "0.01"),
        (0, 999_000_000, "1970-01-01T00:00:00.999Z", "0.999"),
        (-1, 999_000_000, "1969-12-31T23:59:59.999Z", "-0.001"),
        (-1, 500_000_000, "1969-12-31T23:59:59.5Z", "-0.5"),
        (-2, 500_000_000, "1969-12-31T23:59:58.5Z", "-1.5"),
        (-1235, 433_000_000, "1969-12-31T23:39:25.433Z", "-1234.567"),
        (
            -2208988800,
            50_000_000,
            "1900-01-01T00:00:00.05Z",
            "-2208988799.95",
        ),
        (
            253402300799,
            999_000_000,
            "9999-12-31T23:59:59.999Z",
            "253402300799.999",
        ),
        (
            -62135596800,
            1_000_000,
            "0001-01-01T00:00:00.001Z",
            "-62135596799.999",
        ),
    ];
    for &(secs, nanos, date_time, epoch) in cases {
        let t = ts(secs, nanos);
        assert_eq!(t.fmt(DT), date_time);
        assert_eq!(t.fmt(ES), epoch);
        assert_eq!(
            Timestamp::parse_date_time(date_time).unwrap(),
            t,
            "{date_time}"
        );
        assert_eq!(Timestamp::parse_epoch_seconds(epoch).unwrap(), t, "{epoch}");
        // http-date carries whole seconds only.
        let http = t.fmt(HD);
        assert!(!http.contains('.'), "{http}");
        assert_eq!(
            Timestamp::parse_http_date(&http).unwrap(),
            Timestamp::from_secs(secs)
        );
    }
}

#[test]
fn sub_millisecond_precision_is_truncated_toward_the_past() {
    let t = ts(1398796238, 123_456_789);
    assert_eq!(t.fmt(DT), "2014-04-29T18:30:38.123Z");
    assert_eq!(t.fmt(ES), "1398796238.123");
    assert_eq!(t.fmt(HD), "Tue, 29 Apr 2014 18:30:38 GMT");
    // Below a millisecond: nothing after the point.
    assert_eq!(ts(5, 999_999).fmt(DT), "1970-01-01T00:00:05Z");
    assert_eq!(ts(5, 999_999).fmt(ES), "5");
    // -0.0005 s floors to -0.001 s.
    let t = ts(-1, 999_500_000);
    assert_eq!(t.fmt(DT), "1969-12-31T23:59:59.999Z");
    assert_eq!(t.fmt(ES), "-0.001");
    assert_eq!(ts(-1, 999_999).fmt(ES), "-1");
    assert_eq!(ts(-1, 999_999).fmt(DT), "1969-12-31T23:59:59Z");
}

#[test]
fn write_appends_and_agrees_with_fmt() {
    let t = ts(946845296, 123_000_000);
    for format in [DT, HD, ES] {
        let mut s = String::from("x=");
        t.write(format, &mut s);
        assert_eq!(s, format!("x={}", t.fmt(format)));
        let mut v = b"y=".to_vec();
        t.write_bytes(format, &mut v);
        assert_eq!(v, format!("y={}", t.fmt(format)).into_bytes());
    }
}

#[test]
fn years_outside_four_digits_are_written_expanded() {
    let year_10000 = Timestamp::from_secs(MAX_SECS + 1);
    assert_eq!(year_10000.fmt(DT), "+10000-01-01T00:00:00Z");
    assert_eq!(year_10000.fmt(HD), "Sat, 01 Jan +10000 00:00:00 GMT");
    let year_0 = Timestamp::from_secs(MIN_SECS - 1);
    assert_eq!(year_0.fmt(DT), "0000-12-31T23:59:59Z");
    let year_minus_1 = Timestamp::from_secs(MIN_SECS - 366 * SECS_PER_DAY - 1);
    assert_eq!(year_minus_1.fmt(DT), "-0001-12-31T23:59:59Z");
    // The extremes of i64 format without overflow or panic.
    for secs in [i64::MIN, i64::MIN + 1, i64::MAX, i64::MAX - 1] {
        for nanos in [0, 1_000_000, NANOS_PER_SEC - 1] {
            let t = ts(secs, nanos);
            for format in [DT, HD, ES] {
                let s = t.fmt(format);
                assert!(s.len() < BUF_LEN, "{s}");
                assert!(Timestamp::parse(&s, format).is_err(), "{s}");
            }
        }
    }
    assert_eq!(
        Timestamp::from_secs(i64::MIN).fmt(ES),
        "-9223372036854775808"
    );
    assert_eq!(ts(i64::MIN, 1_000_000).fmt(ES), "-9223372036854775807.999");
    assert_eq!(ts(i64::MAX, 1_000_000).fmt(ES), "9223372036854775807.001");
    assert_eq!(
        Timestamp::from_secs(i64::MAX).fmt(DT),
        "+292277026596-12-04T15:30:07Z"
    );
    assert_eq!(
        Timestamp::from_secs(i64::MIN).fmt(DT),
        "-292277022657-01-27T08:29:52Z"
    );
}

#[test]
fn constructors() {
    assert_eq!(Timestamp::UNIX_EPOCH, Timestamp::default());
    assert_eq!(
        Timestamp::from_secs_nanos(1, 1_500_000_000),
        ts(2, 500_000_000)
    );
    assert_eq!(Timestamp::from_secs_nanos(-1, u32::MAX).secs(), 3);
    assert_eq!(
        Timestamp::from_secs_nanos(-1, u32::MAX).subsec_nanos(),
        294_967_295
    );
    assert_eq!(
        Timestamp::from_secs_nanos(i64::MAX, NANOS_PER_SEC),
        Timestamp::from_secs_nanos(i64::MAX, NANOS_PER_SEC - 1)
    );
    assert_eq!(Timestamp::from_millis(1500), ts(1, 500_000_000));
    assert_eq!(Timestamp::from_millis(-1500), ts(-2, 500_000_000));
    assert_eq!(Timestamp::from_millis(-1), ts(-1, 999_000_000));
    assert_eq!(Timestamp::from_millis(i64::MIN).secs(), i64::MIN / 1000 - 1);
    assert_eq!(Timestamp::from_millis(i64::MAX).subsec_nanos(), 807_000_000);
    assert!(ts(-2, 500_000_000) < ts(-1, 0));
    assert!(ts(-1, 999_999_999) < Timestamp::UNIX_EPOCH);
}

#[test]
fn format_names() {
    for format in [DT, HD, ES] {
        assert_eq!(TimestampFormat::from_name(format.name()), Some(format));
        assert_eq!(format.to_string(), format.name());
    }
    assert_eq!(DT.name(), "date-time");
    assert_eq!(HD.name(), "http-date");
    assert_eq!(ES.name(), "epoch-seconds");
    assert_eq!(TimestampFormat::from_name("iso8601"), None);
    assert_eq!(TimestampFormat::from_name("Date-Time"), None);
}

#[test]
fn epoch_f64_reads_the_printed_digits() {
    // (f64, secs, nanos); Python's datetime.fromtimestamp agrees to the millisecond.
    let cases: &[(f64, i64, u32)] = &[
        (1398796238.123, 1398796238, 123_000_000),
        (946845296.123, 946845296, 123_000_000),
        (1515531081.1234, 1515531081, 123_000_000),
        (1700000000.5, 1700000000, 500_000_000),
        (1.5, 1, 500_000_000),
        (-1.5, -2, 500_000_000),
        (0.001, 0, 1_000_000),
        (-0.001, -1, 999_000_000),
        (-1234.567, -1235, 433_000_000),
        (0.0, 0, 0),
        (-0.0, 0, 0),
        // Floored to the millisecond, as every reader does.
        (1e-7, 0, 0),
        (1.000000001, 1, 0),
        (0.123456789, 0, 123_000_000),
        (0.1239999999, 0, 123_000_000),
        (-0.1234567895, -1, 876_000_000),
        (-0.123, -1, 877_000_000),
        (4e-10, 0, 0),
        (-4e-10, -1, 999_000_000),
        (-5e-5, -1, 999_000_000),
        (-1e-300, -1, 999_000_000),
        (1e-300, 0, 0),
        (0.9999999999, 0, 999_000_000),
        (1398796238.0, 1398796238, 0),
        (253402300799.999, 253402300799, 999_000_000),
        (-62135596800.0, -62135596800, 0),
    ];
    for &(f, secs, nanos) in cases {
        assert_eq!(
            Timestamp::from_epoch_f64(f).unwrap(),
            ts(secs, nanos),
            "{f}"
        );
    }
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let e = Timestamp::from_epoch_f64(bad).unwrap_err();
        assert!(message(&e).contains("finite"), "{e}");
    }
    for out in [
        253402300800.0,
        -62135596801.0,
        1e300,
        -1e300,
        f64::MAX,
        f64::MIN,
    ] {
        let e = Timestamp::from_epoch_f64(out).unwrap_err();
        assert!(message(&e).contains("out of range"), "{e}");
    }
    assert_eq!(
        Timestamp::from_epoch_f64(253402300799.99997).unwrap(),
        ts(MAX_SECS, 999_000_000)
    );
}

#[test]
fn as_epoch_f64_is_the_nearest_double() {
    assert_eq!(ts(1398796238, 123_000_000).as_epoch_f64(), 1398796238.123);
    assert_eq!(ts(-2, 500_000_000).as_epoch_f64(), -1.5);
    assert_eq!(ts(-1, 999_000_000).as_epoch_f64(), -0.001);
    assert_eq!(ts(0, 1).as_epoch_f64(), 1e-9);
    assert_eq!(Timestamp::from_secs(-5).as_epoch_f64(), -5.0);
    assert_eq!(ts(i64::MIN, 1).as_epoch_f64(), i64::MIN as f64);
    assert_eq!(ts(i64::MAX, 999_999_999).as_epoch_f64(), i64::MAX as f64);
    assert_eq!(
        ts(946845296, 123_000_000).as_epoch_f64().to_string(),
        "946845296.123"
    );
}

#[test]
fn system_time_conversions() {
    let cases = [
        ts(0, 0),
        ts(1398796238, 123_456_789),
        ts(-1, 1),
        ts(-2, 500_000_000),
        ts(-62135596800, 0),
        ts(253402300799, 999_999_999),
    ];
    for t in cases {
        let system = SystemTime::from(t);
        assert_eq!(Timestamp::from(system), t);
    }
    assert_eq!(
        SystemTime::from(ts(-2, 500_000_000)),
        UNIX_EPOCH - Duration::from_millis(1500)
    );
    assert_eq!(Timestamp::from(UNIX_EPOCH + Duration::new(5, 7)), ts(5, 7));
    // Far beyond the platform's range: saturates, never panics.
    let _ = SystemTime::from(Timestamp::from_secs(i64::MAX));
    let _ = SystemTime::from(ts(i64::MIN, 1));
    let now = Timestamp::now();
    assert!(now > Timestamp::from_secs(1_700_000_000));
    assert!(now < Timestamp::from_secs(MAX_SECS));
}

#[test]
fn date_time_accepts_rfc3339_variants() {
    let t = Timestamp::from_secs(1398796238);
    for s in [
        "2014-04-29T18:30:38Z",
        "2014-04-29t18:30:38z",
        "2014-04-29T18:30:38.000Z",
        "2014-04-29T18:30:38.0Z",
        "2014-04-29T18:30:38.000000000000Z",
        "2014-04-29T18:30:38+00:00",
        "2014-04-29T18:30:38-00:00",
        "2014-04-29T18:30:38.000+00:00",
        "2014-04-29T20:30:38+02:00",
        "2014-04-29T13:00:38-05:30",
        "2014-04-30T18:29:38+23:59",
        "2014-04-28T18:31:38-23:59",
    ] {
        assert_eq!(Timestamp::parse_date_time(s).unwrap(), t, "{s}");
    }
    // Offsets and fractions, checked with Python's datetime.fromisoformat.
    let cases: &[(&str, i64, u32)] = &[
        ("1996-12-19T16:39:57-08:00", 851042397, 0),
        ("1937-01-01T12:00:27.87+00:20", -1041337173, 870_000_000),
        ("0001-01-01T00:30:00+00:30", -62135596800, 0),
        // Digits past the millisecond are dropped.
        ("9999-12-31T23:59:59.999999Z", 253402300799, 999_000_000),
        ("9999-12-31T23:59:59.999999999Z", 253402300799, 999_000_000),
        (
            "9999-12-31T23:59:59.9999999999999Z",
            253402300799,
            999_000_000,
        ),
        ("2000-01-02T20:34:56.1Z", 946845296, 100_000_000),
        ("2000-01-02T20:34:56.000000001Z", 946845296, 0),
        ("2000-01-02T20:34:56.1239Z", 946845296, 123_000_000),
        ("2000-01-02T20:34:56.0000000009Z", 946845296, 0),
        ("1969-12-31T23:59:59.999Z", -1, 999_000_000),
        ("0000-12-31T23:00:00-01:00", -62135596800, 0),
    ];
    for &(s, secs, nanos) in cases {
        assert_eq!(
            Timestamp::parse_date_time(s).unwrap(),
            ts(secs, nanos),
            "{s}"
        );
    }
}

#[test]
fn leap_seconds_map_to_the_last_millisecond() {
    let cases: &[(&str, i64)] = &[
        ("2016-12-31T23:59:60Z", 1483228799),
        ("2015-06-30T23:59:60Z", 1435708799),
        ("2016-12-31T23:59:60.5Z", 1483228799),
        ("2017-01-01T00:59:60+01:00", 1483228799),
        ("2016-12-31T15:59:60-08:00", 1483228799),
        ("2024-02-29T23:59:60Z", 1709251199),
    ];
    for &(s, secs) in cases {
        assert_eq!(
            Timestamp::parse_date_time(s).unwrap(),
            ts(secs, 999_000_000),
            "{s}"
        );
    }
    // http-date has whole seconds: a leap second is the last whole second of the day.
    assert_eq!(
        Timestamp::parse_http_date("Sat, 31 Dec 2016 23:59:60 GMT").unwrap(),
        ts(1483228799, 0)
    );
    for s in [
        "2016-12-30T23:59:60Z",
        "2016-12-31T23:58:60Z",
        "2016-12-31T22:59:60Z",
        "2016-12-31T23:59:60+01:00",
        "2024-02-28T23:59:60Z",
        "2016-12-31T23:59:61Z",
        "2016-12-31T23:59:99Z",
    ] {
        let e = Timestamp::parse_date_time(s).unwrap_err();
        assert!(message(&e).contains("second"), "{s}: {e}");
    }
    assert!(Timestamp::parse_http_date("Fri, 30 Dec 2016 23:59:60 GMT").is_err());
    // The last second of 9999 can be a leap second; the one before 0001 cannot be reached.
    assert_eq!(
        Timestamp::parse_date_time("9999-12-31T23:59:60Z").unwrap(),
        ts(MAX_SECS, 999_000_000)
    );
}

#[test]
fn date_time_rejections() {
    let expect = |s: &str, what: &str| {
        let e = Timestamp::parse_date_time(s).unwrap_err();
        let m = message(&e);
        assert!(m.contains(what), "{s}: {m}");
        let without_example = m.replace("1985-04-12T23:20:50.52Z", "");
        assert!(
            s.is_empty() || !without_example.contains(s),
            "the message echoes the input: {m}"
        );
    };
    // Out-of-range fields.
    expect("2014-13-01T00:00:00Z", "month");
    expect("2014-00-01T00:00:00Z", "month");
    expect("2014-04-32T00:00:00Z", "day");
    expect("2014-04-31T00:00:00Z", "day");
    expect("2014-04-00T00:00:00Z", "day");
    expect("2014-02-30T00:00:00Z", "day");
    expect("2014-02-29T00:00:00Z", "day");
    expect("1900-02-29T00:00:00Z", "day");
    expect("2100-02-29T00:00:00Z", "day");
    expect("2014-04-29T24:00:00Z", "hour");
    expect("2014-04-29T99:00:00Z", "hour");
    expect("2014-04-29T18:60:00Z", "minute");
    expect("2014-04-29T18:30:61Z", "second");
    expect("2014-04-29T18:30:38+24:00", "offset");
    expect("2014-04-29T18:30:38+01:60", "offset");
    // Out of the years 0001-9999, also through an offset.
    expect("0000-01-01T00:00:00Z", "out of range");
    expect("0001-01-01T00:00:00+00:01", "out of range");
    expect("9999-12-31T23:59:59-00:01", "out of range");
    // Not RFC 3339 (the Smithy malformed-request cases and more).
    for s in [
        "",
        "Z",
        "2014",
        "2014-04-29",
        "2014-04-29T18:30:38",
        "2014-04-29T18:30:38.Z",
        "2014-04-29T18:30:38.",
        "2014-04-29T18:30:38.123",
        "2014-04-29T18:30:38ZZ",
        "2014-04-29T18:30:38Z ",
        " 2014-04-29T18:30:38Z",
        "2014-04-29T18:30:38 Z",
        "2014-04-29 18:30:38Z",
        "2014-04-29_18:30:38Z",
        "2014-4-29T18:30:38Z",
        "2014-04-9T18:30:38Z",
        "2014-04-29T8:30:38Z",
        "14-04-29T18:30:38Z",
        "+2014-04-29T18:30:38Z",
        "-2014-04-29T18:30:38Z",
        "20140-04-29T18:30:38Z",
        "2014-04-29T18:30:38,123Z",
        "2014-04-29T18:30:38.-1Z",
        "2014-04-29T18:30:38.1e3Z",
        "2014-04-29T18:30:38UTC",
        "2014-04-29T18:30:38GMT",
        "2014-04-29T18:30:38+0100",
        "2014-04-29T18:30:38+01",
        "2014-04-29T18:30:38+1:00",
        "2014-04-29T18:30:38+01:00Z",
        "1996-12-19T16:39:57+00",
        "1996-12-19T16:39:57+00Z",
        "1996-12-19T163957",
        "19961219T163957Z",
        "19961219T163957",
        "19961219T16:39:57Z",
        "19961219T16:39:57",
        "1996-12-19T16:39Z",
        "1996-12-19T16:39",
        "1996-12-19T1639",
        "1996-12-19T16Z",
        "1996-12-19T16",
        "1996-12-19 16:39:57Z",
        "2011-12-03T10:15:30+01:00[Europe/Paris]",
        "2014-04-29T18:30:38.１２Z",
        "２014-04-29T18:30:38Z",
        "2014-04-29T18:30:38Ｚ",
        "Tue, 29 Apr 2014 18:30:38 GMT",
        "1398796238",
    ] {
        expect(s, "expected RFC 3339");
    }
}

#[test]
fn http_date_forms() {
    let t = Timestamp::from_secs(784111777);
    for s in [
        "Sun, 06 Nov 1994 08:49:37 GMT",
        "Sunday, 06-Nov-94 08:49:37 GMT",
        "Sun Nov  6 08:49:37 1994",
        "Sun Nov 06 08:49:37 1994",
        // The day name is not checked against the date.
        "Mon, 06 Nov 1994 08:49:37 GMT",
        "Monday, 06-Nov-94 08:49:37 GMT",
        "Mon Nov  6 08:49:37 1994",
    ] {
        assert_eq!(Timestamp::parse_http_date(s).unwrap(), t, "{s}");
    }
    // Fractional seconds, of any length, accepted and dropped (http-date writes whole
    // seconds, so that is all it reads).
    let cases: &[(&str, i64, u32)] = &[
        ("Tue, 29 Apr 2014 18:30:38.123 GMT", 1398796238, 0),
        ("Sun, 02 Jan 2000 20:34:56.000 GMT", 946845296, 0),
        ("Mon, 16 Dec 2019 23:48:18.52 GMT", 1576540098, 0),
        ("Mon, 16 Dec 2019 23:48:18.1 GMT", 1576540098, 0),
        ("Mon, 16 Dec 2019 23:48:18.999999999 GMT", 1576540098, 0),
        ("Mon, 16 Dec 2019 23:48:18.1234567891 GMT", 1576540098, 0),
        // RFC 850 years: 69-99 are 19xx, 00-68 are 20xx (POSIX %y, Python).
        ("Thursday, 01-Jan-70 00:00:00 GMT", 0, 0),
        ("Wednesday, 31-Dec-69 23:59:59 GMT", -1, 0),
        ("Saturday, 01-Jan-00 00:00:00 GMT", 946684800, 0),
        ("Sunday, 01-Jan-68 00:00:00 GMT", 3092601600, 0),
        ("Tuesday, 29-Feb-00 00:00:00 GMT", 951782400, 0),
        ("Thu Jan  1 00:00:00 1970", 0, 0),
        ("Fri Dec 31 23:59:59 9999", 253402300799, 0),
        ("Mon Jan  1 00:00:00 0001", -62135596800, 0),
    ];
    for &(s, secs, nanos) in cases {
        assert_eq!(
            Timestamp::parse_http_date(s).unwrap(),
            ts(secs, nanos),
            "{s}"
        );
    }
}

#[test]
fn http_date_rejections() {
    let expect = |s: &str, what: &str| {
        let e = Timestamp::parse_http_date(s).unwrap_err();
        let m = message(&e);
        assert!(m.contains(what), "{s}: {m}");
        let without_example = m.replace("Tue, 29 Apr 2014 18:30:38 GMT", "");
        assert!(
            s.is_empty() || !without_example.contains(s),
            "the message echoes the input: {m}"
        );
    };
    expect("Tue, 32 Apr 2014 18:30:38 GMT", "day");
    expect("Tue, 31 Apr 2014 18:30:38 GMT", "day");
    expect("Tue, 00 Apr 2014 18:30:38 GMT", "day");
    expect("Tue, 29 Feb 1900 18:30:38 GMT", "day");
    expect("Tue, 29 Feb 2014 18:30:38 GMT", "day");
    expect("Tue, 29 Apr 2014 24:30:38 GMT", "hour");
    expect("Tue, 29 Apr 2014 18:60:38 GMT", "minute");
    expect("Tue, 29 Apr 2014 18:30:60 GMT", "second");
    expect("Tue, 29 Apr 2014 18:30:61 GMT", "second");
    expect("Tue, 29 Abr 2014 18:30:38 GMT", "month");
    expect("Tue, 29 apr 2014 18:30:38 GMT", "month");
    expect("Tue, 29 Apr 0000 18:30:38 GMT", "out of range");
    expect("Sun, 31 Dec 0000 23:59:59 GMT", "out of range");
    for s in [
        "",
        "GMT",
        "Tue, 29 Apr 2014 18:30:38",
        "Tue, 29 Apr 2014 18:30:38 UTC",
        "Tue, 29 Apr 2014 18:30:38 gmt",
        "Tue, 29 Apr 2014 18:30:38 +0000",
        "Tue, 29 Apr 2014 18:30:38 GMT ",
        " Tue, 29 Apr 2014 18:30:38 GMT",
        "Tue,  29 Apr 2014 18:30:38 GMT",
        "Tue, 29 Apr 2014 18:30:38  GMT",
        "Tue, 29 Apr 2014 18:30:38. GMT",
        "Tue, 29 Apr 2014 18:30:38.x GMT",
        "Tue, 29 Apr 2014 18:30 GMT",
        "Tue, 9 Apr 2014 18:30:38 GMT",
        "Tue, 29 Apr 14 18:30:38 GMT",
        "Tue, 29 Apr 20140 18:30:38 GMT",
        "Tue 29 Apr 2014 18:30:38 GMT",
        "Tus, 29 Apr 2014 18:30:38 GMT",
        "tue, 29 Apr 2014 18:30:38 GMT",
        "Tuesday, 29 Apr 2014 18:30:38 GMT",
        "Tue, 29-Apr-14 18:30:38 GMT",
        "Tues, 29-Apr-14 18:30:38 GMT",
        "Tuesday, 29-Apr-2014 18:30:38 GMT",
        "Tuesday, 29-Apr-14 18:30:38",
        "Tuesday, 29-Apr-14 18:30:38.5 GMT",
        "Tue Apr 29 18:30:38 2014 GMT",
        "Tue Apr 29 18:30:38 14",
        "Tue Apr   9 18:30:38 2014",
        "Tue Apr 9 18:30:38 2014",
        "Tue Apr 29 18:30:38.5 2014",
        "2014-04-29T18:30:38Z",
        "1398796238",
        "Tue, 29 Apr 2014 18:30:38 GMＴ",
        "Tue, ２9 Apr 2014 18:30:38 GMT",
    ] {
        expect(s, "expected IMF-fixdate");
    }
}

#[test]
fn epoch_seconds_text() {
    let cases: &[(&str, i64, u32)] = &[
        ("1398796238", 1398796238, 0),
        ("-5", -5, 0),
        ("0", 0, 0),
        ("-0", 0, 0),
        ("-0.0", 0, 0),
        ("0007", 7, 0),
        ("1398796238.123", 1398796238, 123_000_000),
        // Floored to the millisecond.
        ("1515531081.1234", 1515531081, 123_000_000),
        ("1700000000.184467", 1700000000, 184_000_000),
        ("1.000000001", 1, 0),
        ("1.0000000019", 1, 0),
        ("-1.0000000019", -2, 999_000_000),
        ("-1.0010", -2, 999_000_000),
        ("-1.0011", -2, 998_000_000),
        ("-1.5", -2, 500_000_000),
        ("-0.001", -1, 999_000_000),
        ("-0.0001", -1, 999_000_000),
        ("253402300799.999999999", 253402300799, 999_000_000),
        ("-62135596800", -62135596800, 0),
    ];
    for &(s, secs, nanos) in cases {
        assert_eq!(
            Timestamp::parse_epoch_seconds(s).unwrap(),
            ts(secs, nanos),
            "{s}"
        );
        assert_eq!(Timestamp::parse(s, ES).unwrap(), ts(secs, nanos), "{s}");
    }
    for s in [
        "",
        "-",
        ".",
        "-.5",
        ".5",
        "5.",
        "+5",
        "1e9",
        "1E9",
        "1.5e3",
        "0x42",
        "NaN",
        "nan",
        "Infinity",
        "-Infinity",
        "inf",
        "1515531081ABC",
        "1515531081.123.456",
        "1 ",
        " 1",
        "1,5",
        "1_000",
        "--1",
        "1-",
        "1.-5",
        "1.+5",
        "１",
        "1.５",
    ] {
        let e = Timestamp::parse_epoch_seconds(s).unwrap_err();
        let m = message(&e);
        assert!(m.contains("expected decimal seconds"), "{s}: {m}");
    }
    for s in [
        "253402300800",
        "-62135596801",
        "-62135596800.5",
        // Floored to -62135596800.001, a millisecond before 0001-01-01.
        "-62135596800.0000000001",
        "9223372036854775807",
        "-9223372036854775808",
        "99999999999999999999999999999999999999999999999999",
        "-99999999999999999999999999999999999999999999999999.5",
    ] {
        let e = Timestamp::parse_epoch_seconds(s).unwrap_err();
        assert!(message(&e).contains("out of range"), "{s}: {e}");
    }
}

#[test]
fn parse_dispatches_on_format() {
    let t = Timestamp::from_secs(1398796238);
    assert_eq!(Timestamp::parse("2014-04-29T18:30:38Z", DT).unwrap(), t);
    assert_eq!(
        Timestamp::parse("Tue, 29 Apr 2014 18:30:38 GMT", HD).unwrap(),
        t
    );
    assert_eq!(Timestamp::parse("1398796238", ES).unwrap(), t);
    assert!(Timestamp::parse("1398796238", DT).is_err());
    assert!(Timestamp::parse("2014-04-29T18:30:38Z", HD).is_err());
    assert!(Timestamp::parse("Tue, 29 Apr 2014 18:30:38 GMT", ES).is_err());
}

/// Every day from 0000-03-01 to 10000-03-01 against a naive day-by-day calendar.
#[test]
fn calendar_matches_naive_count() {
    let mut date = Date {
        year: 0,
        month: 3,
        day: 1,
    };
    let mut days = days_from_civil(date);
    assert_eq!(days, -719_468);
    assert_eq!(
        days_from_civil(Date {
            year: 1970,
            month: 1,
            day: 1
        }),
        0
    );
    while date.year < 10_000 || date.month < 3 {
        assert_eq!(days_from_civil(date), days, "{date:?}");
        assert_eq!(civil_from_days(days), date, "{days}");
        date.day += 1;
        if date.day > days_in_month(date.year, date.month) {
            date.day = 1;
            date.month += 1;
            if date.month > 12 {
                date.month = 1;
                date.year += 1;
            }
        }
        days += 1;
    }
    assert!(is_leap_year(2000) && is_leap_year(2024) && is_leap_year(0));
    assert!(!is_leap_year(1900) && !is_leap_year(2100) && !is_leap_year(2023));
    // Far outside: civil_from_days inverts days_from_civil without overflow.
    for days in [
        i64::MIN / SECS_PER_DAY - 1,
        i64::MAX / SECS_PER_DAY,
        -1_000_000_000,
    ] {
        assert_eq!(days_from_civil(civil_from_days(days)), days);
    }
}

/// A 64-bit linear congruential generator (Knuth's MMIX constants).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) ^ (self.0 << 53)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

#[test]
fn sweep_round_trips() {
    let mut rng = Lcg(0x5eed);
    let span = (MAX_SECS - MIN_SECS + 1) as u64;
    for i in 0..100_000 {
        let secs = match i % 4 {
            // Near the epoch, where negative values meet positive ones.
            0 => rng.below(2_000_001) as i64 - 1_000_000,
            _ => MIN_SECS + rng.below(span) as i64,
        };
        let nanos = match i % 3 {
            0 => 0,
            1 => rng.below(1000) as u32 * NANOS_PER_MILLI,
            _ => rng.below(u64::from(NANOS_PER_SEC)) as u32,
        };
        let t = ts(secs, nanos);
        let millis = ts(secs, nanos / NANOS_PER_MILLI * NANOS_PER_MILLI);
        let whole = Timestamp::from_secs(secs);
        // date-time and epoch-seconds keep milliseconds; http-date whole seconds.
        assert_eq!(
            Timestamp::parse_date_time(&t.fmt(DT)).unwrap(),
            millis,
            "{t:?}"
        );
        assert_eq!(
            Timestamp::parse_epoch_seconds(&t.fmt(ES)).unwrap(),
            millis,
            "{t:?}"
        );
        assert_eq!(
            Timestamp::parse_http_date(&t.fmt(HD)).unwrap(),
            whole,
            "{t:?}"
        );
        // The f64 path keeps milliseconds everywhere in range.
        assert_eq!(
            Timestamp::from_epoch_f64(millis.as_epoch_f64()).unwrap(),
            millis
        );
        // Lexicographic order of whole-second date-times is chronological order.
        let other = Timestamp::from_secs(MIN_SECS + rng.below(span) as i64);
        assert_eq!(whole.fmt(DT).cmp(&other.fmt(DT)), whole.cmp(&other));
        // Through SystemTime and back.
        assert_eq!(Timestamp::from(SystemTime::from(t)), t);
    }
}

#[test]
fn sweep_random_input_never_panics() {
    let mut rng = Lcg(0xbad_5eed);
    let valid = [
        "2014-04-29T18:30:38.123+01:00",
        "Tue, 29 Apr 2014 18:30:38.123 GMT",
        "Tuesday, 29-Apr-14 18:30:38 GMT",
        "Tue Apr 29 18:30:38 2014",
        "-1398796238.123",
    ];
    let alphabet = b"0123456789-+:.,TtZz GMTuesdayApr\xc3\xa9\xff";
    let mut accepted = 0;
    for i in 0..100_000 {
        let bytes: Vec<u8> = if i % 2 == 0 {
            // Random bytes of random length.
            let len = rng.below(40) as usize;
            (0..len).map(|_| rng.next() as u8).collect()
        } else {
            // A valid string with a few bytes replaced, inserted or removed.
            let mut b = valid[i % valid.len()].as_bytes().to_vec();
            for _ in 0..=rng.below(3) {
                let at = rng.below(b.len() as u64 + 1) as usize;
                let byte = alphabet[rng.below(alphabet.len() as u64) as usize];
                match rng.below(3) {
                    0 if at < b.len() => b[at] = byte,
                    1 if at < b.len() => {
                        b.remove(at);
                    }
                    _ => b.insert(at, byte),
                }
            }
            b
        };
        let s = String::from_utf8_lossy(&bytes);
        for format in [DT, HD, ES] {
            if let Ok(t) = Timestamp::parse(&s, format) {
                accepted += 1;
                assert!((MIN_SECS..=MAX_SECS).contains(&t.secs()), "{s}");
                assert!(t.subsec_nanos() < NANOS_PER_SEC);
                // Whatever is accepted formats again and reads back the same.
                let again = Timestamp::parse(&t.fmt(format), format).unwrap();
                assert_eq!(again.secs(), t.secs(), "{s}");
            }
        }
        if let Ok(f) = std::str::from_utf8(&bytes).unwrap_or("").parse::<f64>() {
            let _ = Timestamp::from_epoch_f64(f);
        }
    }
    assert!(
        accepted > 1000,
        "the mutations should keep some inputs valid"
    );
    // Random f64 bit patterns.
    for _ in 0..100_000 {
        let f = f64::from_bits(rng.next());
        if let Ok(t) = Timestamp::from_epoch_f64(f) {
            assert!((MIN_SECS..=MAX_SECS).contains(&t.secs()), "{f}");
        }
    }
}
