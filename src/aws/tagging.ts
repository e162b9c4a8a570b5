// Resource Groups Tagging facade: every resource carrying a tag set, the janitor's net for what other listings miss.
import type { AwsClients } from './clients.js';
import { collectPages, tagRecord } from './paginate.js';
import { ranOutput } from './skipped.js';

/** A tag key, optionally restricted to exact values (any of them). */
export interface TagFilter {
  key: string;
  values?: string[];
}

/** A resource ARN and all its tags. */
export interface TaggedResource {
  arn: string;
  tags: Record<string, string>;
}

/** The Tagging API operations jetscale uses. */
export interface TaggingFacade {
  /** Every resource matching all filters (all pages), re-checked here for exact tag values. */
  getResources(tagFilters: TagFilter[], opts?: { resourceTypes?: string[] }): Promise<TaggedResource[]>;
  /** Every value of one tag key in use in the region (all pages, deduplicated, sorted). */
  getTagValues(key: string): Promise<string[]>;
}

/** Builds the Tagging facade over the run's clients. */
export function createTagging(clients: AwsClients): TaggingFacade {
  return {
    async getResources(tagFilters, opts = {}) {
      const { GetResourcesCommand: C } = await import('@aws-sdk/client-resource-groups-tagging-api');
      const c = await clients.get('tagging');
      const TagFilters = tagFilters.map((f) => ({ Key: f.key, Values: f.values?.length ? f.values : undefined }));
      const found = await collectPages('tagging:GetResources', async (PaginationToken) => {
        const out = ranOutput(await c.send(new C({ TagFilters, PaginationToken, ResourcesPerPage: 100, ResourceTypeFilters: opts.resourceTypes }), clients.sendOptions));
        return { items: out.ResourceTagMappingList, next: out.PaginationToken };
      });
      return found
        .map((r) => ({ arn: r.ResourceARN ?? '', tags: tagRecord(r.Tags) }))
        .filter((r) => r.arn && matchesTags(r.tags, tagFilters));
    },
    async getTagValues(key) {
      const { GetTagValuesCommand: C } = await import('@aws-sdk/client-resource-groups-tagging-api');
      const c = await clients.get('tagging');
      const values = await collectPages('tagging:GetTagValues', async (PaginationToken) => {
        const out = ranOutput(await c.send(new C({ Key: key, PaginationToken }), clients.sendOptions));
        return { items: out.TagValues, next: out.PaginationToken };
      });
      return [...new Set(values)].sort();
    },
  };
}

/** True when every filter's key is present with (when values are given) one of its exact values. */
export function matchesTags(tags: Readonly<Record<string, string>>, filters: readonly TagFilter[]): boolean {
  return filters.every((f) => Object.hasOwn(tags, f.key) && (!f.values?.length || f.values.includes(tags[f.key] as string)));
}
