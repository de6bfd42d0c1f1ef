// Escaping per part of an email, with templates written for the case (no disk).
import { renderEmail } from '../../../../../../shared/domain/notifications/base/renderEmail';

const TEMPLATES = {
  subject: 'About {{name}}',
  text: '{{name}}: {{url}}',
  html: '<p>{{name}}</p><a href="{{url}}">go</a>',
};

describe('renderEmail', () => {
  const view = { name: 'R&D <team> "ops"', url: 'https://example.com/a?b=1&c=2' };

  it('escapes values in the HTML, including `/` and `=` (entities a browser decodes in attributes)', () => {
    expect(renderEmail(TEMPLATES, view).html).toBe(
      '<p>R&amp;D &lt;team&gt; &quot;ops&quot;</p><a href="https:&#x2F;&#x2F;example.com&#x2F;a?b&#x3D;1&amp;c&#x3D;2">go</a>',
    );
  });

  it('leaves values as they are in the plain text and the subject', () => {
    const email = renderEmail(TEMPLATES, view);

    expect(email.text).toBe('R&D <team> "ops": https://example.com/a?b=1&c=2');
    expect(email.subject).toBe('About R&D <team> "ops"');
  });

  it('makes the subject one line', () => {
    expect(renderEmail(TEMPLATES, { name: ' two\r\nlines\t', url: '' }).subject).toBe('About two lines');
  });
});
