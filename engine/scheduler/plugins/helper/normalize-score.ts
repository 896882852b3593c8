// DefaultNormalizeScore (plugins/helper): scales scores to 0–maxPriority against the highest one, optionally
// reversed (for "fewer is better" counts such as intolerable taints).

export function defaultNormalizeScore(maxPriority: number, reverse: boolean, scores: number[]): void {
  let maxCount = 0;
  for (const score of scores) if (score > maxCount) maxCount = score;
  if (maxCount === 0) {
    if (reverse) scores.fill(maxPriority);
    return;
  }
  for (let i = 0; i < scores.length; i++) {
    let score = Math.trunc((maxPriority * scores[i]!) / maxCount);
    if (reverse) score = maxPriority - score;
    scores[i] = score;
  }
}
