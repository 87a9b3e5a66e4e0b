/**
 * Side-effect entry: registers every omsorg element (guarded, so a second copy of the bundle on
 * the page does not throw). `import '@omsorg/elements/define.js'`, then `provideClient(client)`
 * from '@omsorg/elements', in either order: `defineElement` attaches a ContextRoot first, which
 * keeps the requests of elements that upgrade before the client is provided.
 */
import './provider/define.js';
import './login/define.js';
import './cancel-dialog/define.js';
import './appointment-list/define.js';
import './service-list/define.js';
import './message-thread/define.js';
import './inbox/define.js';
import './consent-panel/define.js';
import './access-log/define.js';
