// A Teams @mention on an Adaptive Card: the card's text carries `<at>Name</at>` and `msteams.entities`
// says whom that text means. Teams shows the mention only when both texts match exactly.

export interface TeamsMention {
  readonly type: 'mention';
  /** `<at>Alice Example</at>`, to be placed verbatim in a TextBlock. */
  readonly text: string;
  readonly mentioned: { readonly id: string; readonly name: string };
}

/** `upn`: the user principal name (an Entra object id works too). */
export function teamsMention(name: string, upn: string): TeamsMention {
  // Angle brackets in a display name would end the <at> tag early and break the match.
  const shown = name.replace(/[<>]/g, '').trim();
  return { type: 'mention', text: `<at>${shown}</at>`, mentioned: { id: upn, name: shown } };
}
