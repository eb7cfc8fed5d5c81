// Reads an iCalendar file from standard input with Mozilla's ical.js (Thunderbird's parser), as a
// calendar client would, and prints what it understood as JSON: the calendar's properties, then each
// event's UID, SEQUENCE, STATUS and its start and end as UTC instants. Any error exits non-zero.
import ICAL from "ical.js";
import { readFileSync } from "node:fs";

const text = readFileSync(0, "utf8");
const calendar = new ICAL.Component(ICAL.parse(text));

// Registering the file's VTIMEZONEs is what Thunderbird does before it converts local times.
for (const zone of calendar.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(new ICAL.Timezone(zone));
}

function decodedProperties(component) {
  return component.getAllProperties().map((property) => ({
    name: property.name,
    type: property.type,
    values: property.getValues().map((value) => value.toString()),
  }));
}

const events = calendar.getAllSubcomponents("vevent").map((component) => {
  const event = new ICAL.Event(component);
  return {
    uid: event.uid,
    sequence: event.sequence,
    status: component.getFirstPropertyValue("status"),
    start: event.startDate.toJSDate().toISOString(),
    end: event.endDate.toJSDate().toISOString(),
    properties: decodedProperties(component),
  };
});

process.stdout.write(
  JSON.stringify({
    method: calendar.getFirstPropertyValue("method"),
    properties: decodedProperties(calendar),
    events,
  }),
);
