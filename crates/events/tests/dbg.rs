#[test]
fn dbg() {
    for line in std::fs::read_to_string("/tmp/styles/styles.jsonl")
        .unwrap()
        .lines()
    {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let id = v["id"].as_str().unwrap();
        if !std::env::var("IDS")
            .unwrap_or_default()
            .split(',')
            .any(|x| x == id)
        {
            continue;
        }
        let text = v["text"].as_str().unwrap().to_string();
        let doc = sitrep_model::Document {
            text: text.clone(),
            published: chrono::NaiveDate::parse_from_str(
                v["published"].as_str().unwrap(),
                "%Y-%m-%d",
            )
            .ok(),
            ..Default::default()
        };
        let rec = sitrep_recognise::Recogniser::new();
        let ms = rec.recognise(&doc);
        eprintln!("== {id}");
        for m in &ms {
            eprintln!(
                "   m {:?} {:?}",
                m.text,
                match &m.value {
                    sitrep_model::MentionValue::Place(p) =>
                        format!("place {} {:?}", p.name, p.feature),
                    sitrep_model::MentionValue::Actor(a) => format!("actor {}", a.name),
                    x => format!("{:?}", std::mem::discriminant(x)),
                }
            );
        }
        for c in sitrep_events::lexicon::find_cues(&text) {
            eprintln!("   c {:?} {:?}", &text[c.start..c.end], c.cues);
        }
        let a = sitrep_events::analysis::Analysis::new(&doc, &ms);
        for f in a.frames() {
            eprintln!(
                "   F {:?} s{} {:?} place={:?} claims={:?} counts={:?}",
                f.kind,
                f.sent,
                &text[f.trigger.start..f.trigger.end],
                f.place.as_ref().map(|p| p.0.name.clone()),
                f.claims
                    .iter()
                    .map(|c| (c.claim.source.clone(), c.claim.stance))
                    .collect::<Vec<_>>(),
                f.counts
            );
        }
    }
}
