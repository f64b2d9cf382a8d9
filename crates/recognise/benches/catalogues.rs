//! Throughput of the actor and weapon catalogues.
//!
//! Builds a dense corpus of about 8 MB by repeating a few wire-style paragraphs (a name every
//! 30 bytes or so), and a corpus of ordinary density that mixes in prose without names. Times
//! `ActorCatalogue::find` and `WeaponCatalogue::find` over both and, as a baseline in the same
//! run, a plain `memchr::memmem` scan for one short word. Prints MB/s (against wall-clock and
//! CPU time) and checks that the number of mentions found is the expected count per copy of
//! the paragraphs times the number of copies.
//!
//! Run with `cargo bench -p sitrep-recognise --bench catalogues`. Given file paths after `--`,
//! it prints the mentions found in each file instead.

use sitrep_model::MentionValue;
use sitrep_recognise::actors::ActorCatalogue;
use sitrep_recognise::weapons::WeaponCatalogue;
use std::time::{Duration, Instant};

const PARAGRAPHS: &str = "\
KYIV, March 14 - Russia attacked Ukraine overnight with 112 Shahed-type attack drones and decoy \
drones, two Iskander-M ballistic missiles and four Kh-101 cruise missiles launched from Tu-95MS \
strategic bombers, the Ukrainian Air Force said on Telegram. Air defence shot down 87 Shaheds, \
while 21 imitation drones were lost in location thanks to electronic warfare. Air Force \
spokesman Yuriy Ihnat said F-16 jets and mobile fire groups took part, and the General Staff \
reported that Russian troops had shelled Kharkiv Oblast with Grad rockets and artillery. \
Kharkiv Oblast governor Oleh Syniehubov said a KAB glide bomb hit a warehouse.

Russia's Ministry of Defense claimed that air defence systems had destroyed six US-made ATACMS \
operational-tactical missiles, four Storm Shadow cruise missiles and 44 fixed-wing drones over \
Bryansk and Kursk regions. The MoD said the Russian Aerospace Forces struck Ukrainian military \
airfields with Kinzhal hypersonic missiles and Kalibr sea-launched cruise missiles, destroying a \
Patriot launcher, two Leopard tanks and a HIMARS launcher. The governor of Belgorod region, \
Vyacheslav Gladkov, said a drone had damaged a car; TASS and RIA Novosti carried the report.

MOSCOW (Reuters) - Kremlin spokesman Dmitry Peskov said President Putin had not seen the \
proposals. Russian Foreign Minister Sergei Lavrov said talks would continue, while Ukrainian \
President Volodymyr Zelenskyy accused Moscow of stalling. U.S. Secretary of State Marco Rubio \
spoke to Ukraine's foreign minister, the State Department said. NATO Secretary General Mark \
Rutte and the UN nuclear watchdog IAEA urged restraint, according to Ukrinform and the Kyiv \
Independent. The weather in the region was mild and markets were calm; traders in the city \
said prices for bread, fuel and housing had barely moved over the month.

Минобороны России заявило, что средства ПВО сбили 30 беспилотников, а Зеленський доручив \
посилити ППО. Х-101 та Калібр were named in the Ukrainian report, and Герань-2 drones were \
counted separately by the Air Force.
";

/// Prose without any catalogue name, mixed in for a second corpus at the density of names of
/// ordinary reporting (the paragraphs above hold a name every 30 bytes or so).
const FILLER: &str = "\
Residents of the district spent the night in basements and metro stations, and many said \
they had grown used to the sound of sirens. In the morning, volunteers brought water, bread \
and blankets to families whose windows had been blown out, while utility crews worked to \
restore heating to several apartment blocks before temperatures fell below freezing again. \
A teacher who lives on the fifth floor said her class would study online for the rest of \
the week because the school building needed repairs. Shopkeepers swept glass from the \
pavement and reopened by noon; a baker said demand had doubled as neighbours checked on one \
another. Local officials promised compensation for damaged homes and asked owners to file \
photographs and receipts with the city council. Economists expect the cost of repairs to \
weigh on municipal budgets through the winter, and several charities have opened \
collections for windows, doors and generators. Farmers in nearby villages reported that \
the harvest was mostly in, though prices for fuel and fertiliser remain high and exports \
depend on routes that change from month to month. At the railway station, trains ran with \
delays of up to two hours, and the operator said it had added carriages to cope with \
passengers travelling west for the holidays.
";

/// Copies of the paragraphs in the dense corpus; a debug build (as under `cargo test
/// --all-targets`) runs a small smoke test instead of the full measurement.
const COPIES: usize = if cfg!(debug_assertions) { 36 } else { 3_600 };

fn mb_per_s(bytes: usize, d: Duration) -> f64 {
    bytes as f64 / 1e6 / d.as_secs_f64()
}

/// CPU time this thread has used, from `/proc/thread-self/schedstat` (Linux). The machine
/// running the benchmark may be busy, so throughput is reported against CPU time as well as
/// wall-clock time.
fn thread_cpu() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// Runs `f` `runs` times; returns its result and the best wall-clock and CPU times.
fn best_of<T>(runs: usize, mut f: impl FnMut() -> T) -> (T, Duration, Option<Duration>) {
    let mut best = Duration::MAX;
    let mut best_cpu: Option<Duration> = None;
    let mut out = None;
    for _ in 0..runs {
        let c = thread_cpu();
        let t = Instant::now();
        let r = f();
        best = best.min(t.elapsed());
        if let (Some(a), Some(b)) = (c, thread_cpu()) {
            let d = b.saturating_sub(a);
            best_cpu = Some(best_cpu.map_or(d, |x| x.min(d)));
        }
        out = Some(r);
    }
    (out.expect("at least one run"), best, best_cpu)
}

fn report(label: &str, bytes: usize, wall: Duration, cpu: Option<Duration>, what: &str) {
    let cpu = cpu
        .filter(|c| !c.is_zero())
        .map_or("n/a".to_string(), |c| format!("{:.1}", mb_per_s(bytes, c)));
    println!(
        "{label:<24} {:>9.1} MB/s wall, {cpu:>9} MB/s cpu ({what})",
        mb_per_s(bytes, wall)
    );
}

fn dump(paths: &[String], actors: &ActorCatalogue, weapons: &WeaponCatalogue) {
    for p in paths {
        let Ok(text) = std::fs::read_to_string(p) else {
            eprintln!("{p}: cannot read");
            continue;
        };
        println!("== {p}");
        let mut all = actors.find(&text);
        all.extend(weapons.find(&text));
        all.sort_by_key(|m| m.start);
        for m in all {
            let what = match &m.value {
                MentionValue::Actor(a) => format!("actor  {}", a.name),
                MentionValue::Weapon(w) => format!("weapon {}", w.name),
                _ => continue,
            };
            println!("{:>6} {:<40} {}", m.start, m.text.replace('\n', " "), what);
        }
    }
}

fn main() {
    let actors = ActorCatalogue::embedded();
    let weapons = WeaponCatalogue::embedded();
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    if !args.is_empty() {
        dump(&args, &actors, &weapons);
        return;
    }

    let per_copy_actors = actors.find(PARAGRAPHS).len();
    let per_copy_weapons = weapons.find(PARAGRAPHS).len();
    let mut corpus = String::with_capacity(PARAGRAPHS.len() * COPIES + COPIES);
    for _ in 0..COPIES {
        corpus.push_str(PARAGRAPHS);
        corpus.push('\n');
    }
    let bytes = corpus.len();

    // The plain scan is so fast that one pass is below the CPU clock's resolution: time
    // BASELINE_PASSES passes and count their bytes.
    const BASELINE_PASSES: usize = 50;
    let (baseline, w_base, c_base) = best_of(5, || {
        (0..BASELINE_PASSES)
            .map(|_| memchr::memmem::find_iter(corpus.as_bytes(), b"the").count())
            .sum::<usize>()
            / BASELINE_PASSES
    });
    let (n_actors, w_actors, c_actors) = best_of(5, || actors.find(&corpus).len());
    let (n_weapons, w_weapons, c_weapons) = best_of(5, || weapons.find(&corpus).len());

    println!(
        "dense corpus: {:.1} MB ({COPIES} copies of {} bytes)",
        bytes as f64 / 1e6,
        PARAGRAPHS.len()
    );
    let base_bytes = bytes * BASELINE_PASSES;
    report(
        "baseline memmem \"the\"",
        base_bytes,
        w_base,
        c_base,
        &format!("{baseline} hits"),
    );
    report(
        "actors",
        bytes,
        w_actors,
        c_actors,
        &format!("{n_actors} mentions"),
    );
    report(
        "weapons",
        bytes,
        w_weapons,
        c_weapons,
        &format!("{n_weapons} mentions"),
    );
    let both_cpu = c_actors.zip(c_weapons).map(|(a, b)| a + b);
    report(
        "actors + weapons",
        bytes,
        w_actors + w_weapons,
        both_cpu,
        "both passes",
    );

    // A corpus at ordinary density: each copy of the paragraphs followed by four of filler.
    assert!(actors.find(FILLER).is_empty() && weapons.find(FILLER).is_empty());
    let mut sparse = String::with_capacity(bytes * 4);
    while sparse.len() < bytes {
        sparse.push_str(PARAGRAPHS);
        for _ in 0..4 {
            sparse.push_str(FILLER);
        }
    }
    let sparse_copies = sparse.matches("KYIV, March 14").count();
    let (s_actors, w_sa, c_sa) = best_of(5, || actors.find(&sparse).len());
    let (s_weapons, w_sw, c_sw) = best_of(5, || weapons.find(&sparse).len());
    let sbytes = sparse.len();
    println!("ordinary density: {:.1} MB", sbytes as f64 / 1e6);
    report(
        "actors",
        sbytes,
        w_sa,
        c_sa,
        &format!("{s_actors} mentions"),
    );
    report(
        "weapons",
        sbytes,
        w_sw,
        c_sw,
        &format!("{s_weapons} mentions"),
    );
    let s_both_cpu = c_sa.zip(c_sw).map(|(a, b)| a + b);
    report(
        "actors + weapons",
        sbytes,
        w_sa + w_sw,
        s_both_cpu,
        "both passes",
    );

    assert_eq!(per_copy_actors, 34, "actor mentions per copy");
    assert_eq!(s_actors, per_copy_actors * sparse_copies);
    assert_eq!(s_weapons, per_copy_weapons * sparse_copies);
    assert_eq!(per_copy_weapons, 28, "weapon mentions per copy");
    assert_eq!(n_actors, per_copy_actors * COPIES);
    assert_eq!(n_weapons, per_copy_weapons * COPIES);
}
