package dev.newsflow.streams.enrich.link;

/** Why {@link ChineseContext} judges that a name, where it stands, does not name the company. */
enum ContextReason {
  /** Inside title marks: a book, game, film or magazine (《大众软件》). */
  TITLE,
  /** A club in a match report ("AC米兰 vs …", "击败…"). */
  SPORT,
  /** A column label opening a body sentence ("大众软件：…"). */
  LABEL,
  /** A person: a middle dot, a transliteration, a job title or an honorific around the name. */
  PERSON,
  /** A place ("…广场", "…会展中心", a name whose head is 村/湾/广场…). */
  PLACE,
  /** A common word runs across the name's first or last character ("北京东路" holds 京东). */
  WORD_BOUNDARY,
  /** Part of another body or a family ("…信托", "…研究学会", "…局"). */
  OTHER_BODY,
  /** An industry ("中国银行业"). */
  INDUSTRY,
  /** A public body (人民银行, 联储, …监会). */
  PUBLIC_BODY,
  /** A byline or a dateline ("每经记者", "…讯", "…日电"). */
  CREDIT
}
