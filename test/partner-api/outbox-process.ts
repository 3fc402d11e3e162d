// The partner webhook outbox worker alone in a process of its own, as `npm run worker` runs it,
// so a test can kill it with SIGKILL mid-retry.
import { startPartnerOutbox } from "../../app/partner-api/outbox.server";

startPartnerOutbox();
// The outbox's timer does not hold the process open (the app's server does); this does.
setInterval(() => {}, 60_000);
console.log("outbox started");
