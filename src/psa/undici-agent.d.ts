// undici's Agent on its own (lib/dispatcher/agent.js): the package's index also loads fetch, cookies, websockets,
// mocks and caches, which cwctl does not use (it fetches with Node's own fetch and hands it this Agent); loading
// the index was the largest single item of a plan's start-up. undici has no `exports` map, so the path is public.
declare module 'undici/lib/dispatcher/agent.js' {
  import { Agent } from 'undici';
  export default Agent;
}
