export { subscriberStreams } from './subscriberStreams.js';
