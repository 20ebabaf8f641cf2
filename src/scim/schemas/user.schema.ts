import { SCHEMA } from '../constants';
import { attr, complex } from './attribute';
import { AttributeDefinition, Mutability, SchemaDefinition } from './types';

/*
 * The core User schema, RFC 7643 §4.1 with the characteristics of §8.7.1.
 * The common attributes id, externalId and meta (§3.1) are not part of a
 * schema definition, as in §8.7.1.
 */

const PRIMARY_NOTE = "The primary attribute value 'true' MUST appear no more than once.";

/** The "display" sub-attribute of a multi-valued attribute. */
function display(mutability: Mutability = 'readWrite'): AttributeDefinition {
  return attr('display', {
    description: 'A human-readable name, primarily used for display purposes. READ-ONLY.',
    mutability,
  });
}

/** The "primary" sub-attribute of a multi-valued attribute. */
function primary(example?: string): AttributeDefinition {
  const eg = example ? `, e.g., ${example}` : '';
  return attr('primary', {
    type: 'boolean',
    description: `A Boolean value indicating the 'primary' or preferred attribute value for this attribute${eg}. ${PRIMARY_NOTE}`,
  });
}

/** The "type" sub-attribute of a multi-valued attribute. */
function typeLabel(
  description: string,
  canonicalValues?: readonly string[],
  mutability?: Mutability,
): AttributeDefinition {
  return attr('type', { description, canonicalValues, mutability });
}

const name = complex(
  'name',
  [
    attr('formatted', {
      description:
        "The full name, including all middle names, titles, and suffixes as appropriate, formatted for display (e.g., 'Ms. Barbara J Jensen, III').",
    }),
    attr('familyName', {
      description:
        "The family name of the User, or last name in most Western languages (e.g., 'Jensen' given the full name 'Ms. Barbara J Jensen, III').",
    }),
    attr('givenName', {
      description:
        "The given name of the User, or first name in most Western languages (e.g., 'Barbara' given the full name 'Ms. Barbara J Jensen, III').",
    }),
    attr('middleName', {
      description: "The middle name(s) of the User (e.g., 'Jane' given the full name 'Ms. Barbara J Jensen, III').",
    }),
    attr('honorificPrefix', {
      description:
        "The honorific prefix(es) of the User, or title in most Western languages (e.g., 'Ms.' given the full name 'Ms. Barbara J Jensen, III').",
    }),
    attr('honorificSuffix', {
      description:
        "The honorific suffix(es) of the User, or suffix in most Western languages (e.g., 'III' given the full name 'Ms. Barbara J Jensen, III').",
    }),
  ],
  {
    description:
      "The components of the user's real name. Providers MAY return just the full name as a single string in the formatted sub-attribute, or they MAY return just the individual component attributes using the other sub-attributes, or they MAY return both. If both variants are returned, they SHOULD be describing the same name, with the formatted name indicating how the component attributes should be combined.",
  },
);

const emails = complex(
  'emails',
  [
    attr('value', {
      description:
        "Email addresses for the user. The value SHOULD be canonicalized by the service provider, e.g., 'bjensen@example.com' instead of 'bjensen@EXAMPLE.COM'. Canonical type values of 'work', 'home', and 'other'.",
    }),
    display(),
    typeLabel("A label indicating the attribute's function, e.g., 'work' or 'home'.", ['work', 'home', 'other']),
    primary('the preferred mailing address or primary email address'),
  ],
  {
    multiValued: true,
    description:
      "Email addresses for the user. The value SHOULD be canonicalized by the service provider, e.g., 'bjensen@example.com' instead of 'bjensen@EXAMPLE.COM'. Canonical type values of 'work', 'home', and 'other'.",
  },
);

const phoneNumbers = complex(
  'phoneNumbers',
  [
    attr('value', { description: 'Phone number of the User.' }),
    display(),
    typeLabel("A label indicating the attribute's function, e.g., 'work', 'home', 'mobile'.", [
      'work',
      'home',
      'mobile',
      'fax',
      'pager',
      'other',
    ]),
    primary('the preferred phone number or primary phone number'),
  ],
  {
    multiValued: true,
    description:
      "Phone numbers for the User. The value SHOULD be canonicalized by the service provider according to the format specified in RFC 3966, e.g., 'tel:+1-201-555-0123'. Canonical type values of 'work', 'home', 'mobile', 'fax', 'pager', and 'other'.",
  },
);

const ims = complex(
  'ims',
  [
    attr('value', { description: 'Instant messaging address for the User.' }),
    display(),
    typeLabel("A label indicating the attribute's function, e.g., 'aim', 'gtalk', 'xmpp'.", [
      'aim',
      'gtalk',
      'icq',
      'xmpp',
      'msn',
      'skype',
      'qq',
      'yahoo',
    ]),
    primary('the preferred messenger or primary messenger'),
  ],
  { multiValued: true, description: 'Instant messaging addresses for the User.' },
);

const photos = complex(
  'photos',
  [
    attr('value', { type: 'reference', referenceTypes: ['external'], description: 'URL of a photo of the User.' }),
    display(),
    typeLabel("A label indicating the attribute's function, i.e., 'photo' or 'thumbnail'.", ['photo', 'thumbnail']),
    primary('the preferred photo or thumbnail'),
  ],
  { multiValued: true, description: 'URLs of photos of the User.' },
);

const addresses = complex(
  'addresses',
  [
    attr('formatted', {
      description:
        'The full mailing address, formatted for display or use with a mailing label. This attribute MAY contain newlines.',
    }),
    attr('streetAddress', {
      description:
        'The full street address component, which may include house number, street name, P.O. box, and multi-line extended street address information. This attribute MAY contain newlines.',
    }),
    attr('locality', { description: 'The city or locality component.' }),
    attr('region', { description: 'The state or region component.' }),
    attr('postalCode', { description: 'The zip code or postal code component.' }),
    attr('country', { description: 'The country name component.' }),
    typeLabel("A label indicating the attribute's function, e.g., 'work' or 'home'.", ['work', 'home', 'other']),
    // Not in §8.7.1, but §2.4 defines "primary" for multi-valued attributes and
    // the full User representation of §8.2 sends it on an address.
    primary('the preferred mailing address'),
  ],
  {
    multiValued: true,
    description:
      "A physical mailing address for this User. Canonical type values of 'work', 'home', and 'other'. This attribute is a complex type with the following sub-attributes.",
  },
);

/** Group membership is managed through the Group resource, so every part of it is readOnly (§4.1.2). */
const groups = complex(
  'groups',
  [
    attr('value', { description: "The identifier of the User's group.", mutability: 'readOnly' }),
    attr('$ref', {
      type: 'reference',
      referenceTypes: ['User', 'Group'],
      description: "The URI of the corresponding 'Group' resource to which the user belongs.",
      mutability: 'readOnly',
    }),
    display('readOnly'),
    typeLabel(
      "A label indicating the attribute's function, e.g., 'direct' or 'indirect'.",
      ['direct', 'indirect'],
      'readOnly',
    ),
  ],
  {
    multiValued: true,
    mutability: 'readOnly',
    description:
      'A list of groups to which the user belongs, either through direct membership, through nested groups, or dynamically calculated.',
  },
);

const entitlements = complex(
  'entitlements',
  [
    attr('value', { description: 'The value of an entitlement.' }),
    display(),
    typeLabel("A label indicating the attribute's function."),
    primary(),
  ],
  { multiValued: true, description: 'A list of entitlements for the User that represent a thing the User has.' },
);

const roles = complex(
  'roles',
  [
    attr('value', { description: 'The value of a role.' }),
    display(),
    typeLabel("A label indicating the attribute's function.", []),
    primary(),
  ],
  {
    multiValued: true,
    description:
      "A list of roles for the User that collectively represent who the User is, e.g., 'Student', 'Faculty'.",
  },
);

const x509Certificates = complex(
  'x509Certificates',
  [
    attr('value', { type: 'binary', description: 'The value of an X.509 certificate.' }),
    display(),
    typeLabel("A label indicating the attribute's function.", []),
    primary(),
  ],
  { multiValued: true, description: 'A list of certificates issued to the User.' },
);

export const USER_SCHEMA: SchemaDefinition = Object.freeze({
  id: SCHEMA.user,
  name: 'User',
  description: 'User Account',
  attributes: Object.freeze([
    attr('userName', {
      required: true,
      uniqueness: 'server',
      description:
        "Unique identifier for the User, typically used by the user to directly authenticate to the service provider. Each User MUST include a non-empty userName value. This identifier MUST be unique across the service provider's entire set of Users. REQUIRED.",
    }),
    name,
    attr('displayName', {
      description:
        'The name of the User, suitable for display to end-users. The name SHOULD be the full name of the User being described, if known.',
    }),
    attr('nickName', {
      description:
        "The casual way to address the user in real life, e.g., 'Bob' or 'Bobby' instead of 'Robert'. This attribute SHOULD NOT be used to represent a User's username (e.g., 'bjensen' or 'mpepperidge').",
    }),
    attr('profileUrl', {
      type: 'reference',
      referenceTypes: ['external'],
      description: "A fully qualified URL pointing to a page representing the User's online profile.",
    }),
    attr('title', { description: 'The user\'s title, such as "Vice President."' }),
    attr('userType', {
      description:
        "Used to identify the relationship between the organization and the user. Typical values used might be 'Contractor', 'Employee', 'Intern', 'Temp', 'External', and 'Unknown', but any value may be used.",
    }),
    attr('preferredLanguage', {
      description:
        "Indicates the User's preferred written or spoken language. Generally used for selecting a localized user interface; e.g., 'en_US' specifies the language English and country US.",
    }),
    attr('locale', {
      description:
        "Used to indicate the User's default location for purposes of localizing items such as currency, date time format, or numerical representations.",
    }),
    attr('timezone', {
      description: "The User's time zone in the 'Olson' time zone database format, e.g., 'America/Los_Angeles'.",
    }),
    attr('active', { type: 'boolean', description: "A Boolean value indicating the User's administrative status." }),
    attr('password', {
      mutability: 'writeOnly',
      returned: 'never',
      description:
        "The User's cleartext password. This attribute is intended to be used as a means to specify an initial password when creating a new User or to reset an existing User's password.",
    }),
    emails,
    phoneNumbers,
    ims,
    photos,
    addresses,
    groups,
    entitlements,
    roles,
    x509Certificates,
  ]),
});
