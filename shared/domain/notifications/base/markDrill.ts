// Every message of a drill says so before anything else: the email's subject and first line, and the card's
// first block (its title). Applied to the rendered notification, so every kind, present and future, carries
// it the same way and no template can forget it.
import { drillLabel, type DrillKind } from '../../incident/IncidentDrill';
import type { Notification, OutgoingEmail } from '../../../ports/NotificationChannel';
import { teamsMessage } from './TeamsMessage';

export function drillBanner(kind: DrillKind): string {
  return kind === 'dry-run'
    ? `${drillLabel(kind)}: a rehearsal of the DR plan that calls nothing. This is not a real incident.`
    : `${drillLabel(kind)}: a rehearsal of the DR plan against drill targets. This is not a real incident.`;
}

const BODY_OPEN = /<body[^>]*>/i;

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function markEmail(email: OutgoingEmail, kind: DrillKind): OutgoingEmail {
  const banner = drillBanner(kind);
  const html = `<p style="font-weight:bold;color:#a4262c">${escapeHtml(banner)}</p>`;
  const opening = BODY_OPEN.exec(email.html);
  return {
    ...email,
    subject: `[${drillLabel(kind)}] ${email.subject}`,
    text: `${banner}\n\n${email.text}`,
    html:
      opening === null
        ? `${html}${email.html}`
        : `${email.html.slice(0, opening.index + opening[0].length)}${html}${email.html.slice(opening.index + opening[0].length)}`,
  };
}

export function markDrill(notification: Notification, kind: DrillKind): Notification {
  const card = notification.card?.attachments[0].content;
  return {
    ...notification,
    emails: notification.emails.map((email) => markEmail(email, kind)),
    ...(card === undefined
      ? {}
      : {
          card: teamsMessage({
            ...card,
            body: [
              {
                type: 'TextBlock',
                text: drillBanner(kind),
                weight: 'Bolder',
                size: 'Large',
                color: 'Attention',
                wrap: true,
              },
              ...card.body,
            ],
          }),
        }),
  };
}

/** The notification as the incident's people get it: marked when the incident is a drill. */
export function asIncidentMessage(
  notification: Notification,
  incident: { readonly drill?: { readonly kind: DrillKind } | undefined },
): Notification {
  return incident.drill === undefined ? notification : markDrill(notification, incident.drill.kind);
}
