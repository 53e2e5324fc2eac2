//! Stopwords: a short list of function words, in normalised form (so `إلى`
//! and `الى` are both `الي`, `على` is `علي`, `أن`/`إن` are `ان`). Stopwords
//! are still indexed with their positions; the flag lets search skip them
//! for recall while phrases stay exact.
//!
//! Known cost of normalisation: `علي` (the name Ali) is the same key as
//! `على`, and is therefore a stopword too.

/// True for a stopword. Takes a normalised word (see
/// [`normalize_word`](super::normalize_word)). Any single letter counts,
/// and so do words made only of clitics (`ال`, `بال`, `لل`, `و`...), as
/// produced by `الـ 30` or `لـCovid`.
pub fn is_stopword(word: &str) -> bool {
    let mut cs = word.chars();
    if let (Some(c), None) = (cs.next(), cs.next()) {
        return c.is_alphabetic();
    }
    matches!(
        word,
        // Clitic-only words.
        "ال" | "وال" | "بال" | "كال" | "فال" | "لل" | "ولل" | "فلل" | "وبال" | "فبال"
        | "وكال" | "ول" | "فل" | "وب" | "فب" | "وك" | "فك"
        // Prepositions and particles.
        | "في" | "من" | "الي" | "علي" | "عن" | "مع" | "ان" | "او" | "ام" | "ثم"
        | "قد" | "لقد" | "لا" | "ما" | "لم" | "لن" | "ليس" | "بل" | "لكن" | "كما"
        | "مثل" | "عند" | "عندما" | "منذ" | "بعد" | "قبل" | "حول" | "خلال" | "ضد"
        | "دون" | "نحو" | "لدي" | "حيث" | "حتي" | "اذا" | "اذ" | "الا" | "غير"
        | "بين" | "كل" | "بعض" | "اي" | "هل" | "يا" | "سوف" | "لان" | "لانه"
        | "كي" | "لكي" | "اما" | "الان" | "ايضا" | "فقط" | "جدا" | "تم" | "هناك"
        | "هنا" | "كذلك" | "ذلك" | "تلك" | "هذا" | "هذه" | "هذان" | "هاتان"
        | "هولاء" | "اوليك" | "الذي" | "التي" | "الذين" | "اللذان" | "اللتان"
        | "اللاتي" | "اللواتي" | "ماذا" | "متي" | "اين" | "كيف" | "لماذا"
        // Verbs of being.
        | "كان" | "كانت" | "كانوا" | "يكون" | "تكون" | "يكن"
        // Pronouns and pronoun-carrying particles.
        | "هو" | "هي" | "هم" | "هن" | "هما" | "انا" | "نحن" | "انت" | "انتم"
        | "انه" | "انها" | "له" | "لها" | "لهم" | "به" | "بها" | "فيه" | "فيها"
        | "منه" | "منها" | "عليه" | "عليها" | "اليه" | "عنه" | "عنها"
        // Frequent conjunction + particle.
        | "وقد" | "ولا" | "وما" | "وان" | "فان" | "ولم" | "وهو" | "وهي" | "وفي"
        | "ومن" | "وعلي" | "وعن" | "ومع" | "والي" | "ثمه"
        // English.
        | "the" | "an" | "and" | "or" | "but" | "if" | "of" | "in" | "on" | "at"
        | "to" | "from" | "by" | "for" | "with" | "about" | "as" | "into" | "than"
        | "then" | "so" | "not" | "no" | "nor" | "is" | "are" | "was" | "were"
        | "be" | "been" | "being" | "am" | "do" | "does" | "did" | "has" | "have"
        | "had" | "it" | "its" | "this" | "that" | "these" | "those" | "there"
        | "he" | "she" | "they" | "we" | "you" | "his" | "her" | "their" | "them"
        | "our" | "your" | "my" | "me" | "us" | "what" | "which" | "who" | "whom"
        | "when" | "where" | "how" | "will" | "would" | "can" | "could" | "also"
    )
}
